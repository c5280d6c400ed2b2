"""Liên hệ: the contact page with a form whose submissions are stored, then e-mailed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from ..forms import ContactPageForm
from .pages import SECTION_PARENTS, SectionBase


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the contact form; translatable, so the English form has English labels."""

    page = ParentalKey("sections.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    # Submissions are keyed by clean_name: the same in every language, so exports line up.
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(AbstractFormField.Meta, TranslatableMixin.Meta):
        pass

    def get_field_clean_name(self):
        # "Thư điện tử" -> "thu_dien_tu": readable names in stored submissions and CSV exports.
        from wagtail.contrib.forms.utils import get_field_clean_name

        from home.text import fold_vietnamese

        return get_field_clean_name(fold_vietnamese(self.label))


class ContactPage(SectionBase, AbstractEmailForm):
    """Wagtail's form builder: every submission is stored (FormSubmission) before any e-mail is sent."""

    portal_role = "contact"
    base_form_class = ContactPageForm
    # Addresses are the same in every language: keep them in sync, never offer them for translation.
    override_translatable_fields = [SynchronizedField("to_address"), SynchronizedField("from_address")]
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
