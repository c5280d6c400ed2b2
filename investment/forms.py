"""Public forms of the investment section: the investor inquiry and the listing filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms_protection import PublicFormMixin

from .models import Country, InvestorInquiry, ZoneKind


class InvestorInquiryForm(PublicFormMixin, forms.ModelForm):
    """Honeypot, length limits, plain text and rate limit come from home.forms_protection."""

    rate_scope = "investor-inquiry"
    rate_email_field = "email"
    honeypot_message = _("Không gửi được yêu cầu này.")

    class Meta:
        model = InvestorInquiry
        fields = ["name", "organisation", "country", "email", "interest", "message", "consent"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        self.fields["consent"].label = _("Tôi đồng ý để Ban Quản lý lưu và dùng thông tin này để trả lời tôi.")
        self.fields["consent"].error_messages["required"] = _("Cần đồng ý để chúng tôi có thể trả lời bạn.")
        self.fields["country"].queryset = Country.objects.all()


class ZoneFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại khu"), choices=[("", _("Tất cả"))] + ZoneKind.choices, required=False)
    min_land = forms.DecimalField(label=_("Đất trống tối thiểu (ha)"), min_value=0, max_digits=10, required=False)


class ProjectFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Ngành nghề"), required=False)
    zone = forms.ChoiceField(label=_("Địa điểm"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    min_capital = forms.DecimalField(label=_("Vốn từ (triệu USD)"), min_value=0, max_digits=10, required=False)
    max_capital = forms.DecimalField(label=_("Vốn đến (triệu USD)"), min_value=0, max_digits=10, required=False)

    def __init__(self, *args, sectors=(), zones=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["sector"].choices = everything + [(s.slug, s.name) for s in sectors]
        self.fields["zone"].choices = everything + [(str(z.pk), z.title) for z in zones]
        self.fields["status"].choices = everything + list(statuses)
