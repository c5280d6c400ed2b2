"""Two-factor authentication pages in the admin (django-otp TOTP).

- ``/admin/2fa/`` (account menu "Xác thực hai bước"): enrol — a QR code drawn on the server (segno,
  no outside service) and the secret in text, confirmed by a first code; or, once enrolled, turn it
  off (with a code, and only when settings do not require it for this user).
- ``/admin/2fa/verify/``: after the password, a user with a confirmed device enters a code before any
  other admin page (``portal.security.TwoFactorMiddleware`` sends them here).
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security import two_factor_required

DEVICE_NAME = "TOTP"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Mã xác thực chỉ gồm chữ số."))
        return token


def _verify(device, token):
    """True when the code is right; django-otp throttles repeated failures per device."""
    return device.verify_is_allowed()[0] and device.verify_token(token)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def setup(request):
    user = request.user
    confirmed = [d for d in devices_for_user(user, confirmed=True)]
    required = two_factor_required(user)
    form = TokenForm(request.POST or None)
    if confirmed:
        # Already enrolled: the only action is turning it off, with a valid code, when allowed.
        if request.method == "POST" and not required and form.is_valid():
            if any(_verify(device, form.cleaned_data["token"]) for device in confirmed):
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, _("Đã tắt xác thực hai bước."))
                return redirect("portal_2fa_setup")
            form.add_error("token", _("Mã xác thực không đúng."))
        context = {"enrolled": True, "required": required, "form": form}
        return TemplateResponse(request, "home/two_factor/setup.html", context)

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    if request.method == "POST" and form.is_valid():
        if _verify(device, form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai bước. Từ nay mỗi lần đăng nhập cần nhập mã."))
            return redirect("wagtailadmin_home")
        form.add_error("token", _("Mã xác thực không đúng."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    context = {
        "enrolled": False,
        "required": required,
        "form": form,
        "qr_svg": mark_safe(qr_svg),  # noqa: S308  (segno's own SVG markup of our otpauth:// URL)
        "secret": b32encode(device.bin_key).decode("ascii"),
    }
    return TemplateResponse(request, "home/two_factor/setup.html", context)


def verify(request):
    user = request.user
    home = reverse("wagtailadmin_home")
    if user.is_verified():
        return redirect(_safe_next(request, home))
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return redirect("portal_2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if _verify(device, form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_safe_next(request, home))
        form.add_error("token", _("Mã xác thực không đúng."))
    context = {"form": form, "next": _safe_next(request, home)}
    return TemplateResponse(request, "home/two_factor/verify.html", context)
