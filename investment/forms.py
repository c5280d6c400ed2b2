"""Public forms of the investment section: the investor inquiry and the listing filters."""

import hashlib

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .models import Country, InvestorInquiry, ZoneKind

# At most this many inquiries per e-mail address and per IP address within RATE_WINDOW seconds.
RATE_LIMIT = 3
RATE_WINDOW = 3600


def _rate_keys(email, ip):
    keys = []
    if email:
        keys.append("investment-inquiry:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest())
    if ip:
        keys.append("investment-inquiry:ip:" + hashlib.sha256(ip.encode()).hexdigest())
    return keys


def rate_limited(email, ip):
    return any((cache.get(key) or 0) >= RATE_LIMIT for key in _rate_keys(email, ip))


def count_submission(email, ip):
    for key in _rate_keys(email, ip):
        if cache.add(key, 1, RATE_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, RATE_WINDOW)


class InvestorInquiryForm(forms.ModelForm):
    """``website`` is a honeypot: people leave it empty, bots fill it."""

    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = InvestorInquiry
        fields = ["name", "organisation", "country", "email", "interest", "message", "consent"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, ip=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ip = ip
        self.fields["consent"].required = True
        self.fields["consent"].label = _("Tôi đồng ý để Ban Quản lý lưu và dùng thông tin này để trả lời tôi.")
        self.fields["consent"].error_messages["required"] = _("Cần đồng ý để chúng tôi có thể trả lời bạn.")
        self.fields["country"].queryset = Country.objects.all()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Không gửi được yêu cầu này."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if rate_limited(cleaned.get("email", ""), self.ip):
            raise forms.ValidationError(
                _("Bạn đã gửi quá nhiều yêu cầu trong một giờ. Vui lòng thử lại sau hoặc gọi điện cho chúng tôi.")
            )
        return cleaned


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
