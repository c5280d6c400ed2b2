"""Forms: the article editor form (department choices per user) and the public Q&A form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from home.forms_protection import PublicFormMixin

from .models.departments import Department


def is_editorial_user(user):
    return user.is_superuser or Department.objects.for_user(user).filter(is_editorial_board=True).exists()


class SectionOwnershipFormMixin:
    """Only the editorial board (and administrators) reassign a section to another department.

    For everyone else the field is shown but disabled, so a forged POST cannot change it; a new
    sub-section belongs to the department that owns the section it is created in.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is None:
            return
        if not self.instance.pk and self.parent_page is not None and not self.initial.get("department"):
            from .models.pages import owning_section

            section = owning_section(self.parent_page)
            if section is not None:
                self.initial["department"] = section.department_id
                self.instance.department_id = section.department_id
        if self.for_user is not None and not is_editorial_user(self.for_user):
            field.disabled = True
            field.help_text = _("Chỉ Ban biên tập được giao chuyên mục cho đơn vị khác.")


class SectionPageForm(SectionOwnershipFormMixin, WagtailAdminPageForm):
    pass


class ContactPageForm(SectionOwnershipFormMixin, WagtailAdminFormPageForm):
    pass


class ArticlePageForm(WagtailAdminPageForm):
    """A department editor may only attribute an article to a department they belong to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is None or self.for_user is None:
            return
        if not is_editorial_user(self.for_user):
            own = Department.objects.for_user(self.for_user).active()
            current = [self.instance.department_id] if self.instance.department_id else []
            field.queryset = Department.objects.filter(pk__in=list(own.values_list("pk", flat=True)) + current)
            # An editor always names a unit: never fall back to the (shared) section's owner.
            field.required = True
            field.empty_label = None
            if not self.instance.department_id and own.exists():
                # The form's initial data (from the unsaved instance: None) wins over field.initial,
                # so set both; otherwise the chooser starts empty and the article falls back to
                # the shared section's owner (the editorial board).
                self.initial["department"] = field.initial = own.first().pk
        if not self.instance.pk and self.parent_page is not None:
            self.instance._parent_for_default = self.parent_page
            if not self.initial.get("department"):
                from .models.pages import owning_section

                section = owning_section(self.parent_page)
                if section and not section.open_to_all_departments:
                    self.initial["department"] = field.initial = section.department_id


class QuestionForm(PublicFormMixin, forms.Form):
    """Public question form: honeypot, length limits, plain text, rate limit (home.forms_protection)."""

    rate_scope = "question"
    rate_email_field = "email"
    honeypot_message = _("Không gửi được câu hỏi. Vui lòng thử lại.")

    asker_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    organisation = forms.CharField(label=_("Tổ chức / doanh nghiệp"), max_length=255, required=False)
    title = forms.CharField(label=_("Tiêu đề câu hỏi"), max_length=255)
    question = forms.CharField(label=_("Nội dung câu hỏi"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def clean_question(self):
        text = self.cleaned_data["question"]
        if len(text) < 10:
            raise forms.ValidationError(_("Câu hỏi quá ngắn, vui lòng viết rõ hơn (ít nhất 10 ký tự)."))
        return text

    def save(self, language="vi"):
        from .models.questions import Question

        return Question.objects.create(language=language[:10], **self.cleaned_data)
