"""Liên hệ: the contact page with a form whose submissions are stored, then e-mailed."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.forms_protection import PublicFormMixin, client_address, send_notification

from ..forms import ContactPageForm
from .pages import SECTION_PARENTS, SectionBase


class ContactForm(PublicFormMixin, BaseForm):
    rate_scope = "contact"


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder, with the public-form protection (home.forms_protection) on its form."""

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)


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

    form_builder = ContactFormBuilder

    def serve(self, request, *args, **kwargs):
        """Wagtail's form view with the public-form protection: rate limit per address, 400/429 on errors."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(
            request.POST, request.FILES, page=self, user=request.user, client_address=client_address(request)
        )
        if form.is_valid():
            submission = self.process_form_submission(form)  # stored first, then mailed
            form.count_submission()
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=form.error_status())

    def send_mail(self, form):
        # The submission is already stored; a mail server outage must not lose it or show a 500.
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        if not send_notification(self.subject, self.render_email(form), addresses, self.from_address, "contact form"):
            self._notification_delayed = True

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        response.context_data["notification_delayed"] = getattr(self, "_notification_delayed", False)
        return response
