"""Liên hệ: the contact page with a form whose submissions are stored, then e-mailed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .pages import SECTION_PARENTS, SectionBase


class ContactFormField(AbstractFormField):
    page = ParentalKey("sections.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(SectionBase, AbstractEmailForm):
    """Wagtail's form builder: every submission is stored (FormSubmission) before any e-mail is sent."""

    portal_role = "contact"
    thank_you_text = RichTextField(_("lời cảm ơn sau khi gửi"), blank=True, features=["bold", "italic", "link"])

    content_panels = SectionBase.content_panels + [
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label=_("Trường của biểu mẫu")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Thư điện tử thông báo"),
        ),
    ]
    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count_per_parent = 1
    template = "sections/contact_page.html"
    landing_page_template = "sections/contact_page_landing.html"

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")

    def send_mail(self, form):
        # The submission is already stored; a mail server outage must not lose it or show a 500.
        import logging

        try:
            super().send_mail(form)
        except Exception:  # noqa: BLE001
            logging.getLogger(__name__).exception("Contact form e-mail failed; submission kept.")
