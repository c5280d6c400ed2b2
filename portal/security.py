"""Security plumbing in one place: the Content Security Policy per area, the demo-password guard and
two-factor enforcement for the admin.

- ``PortalCSPMiddleware``: django-csp's middleware with two policies. The public site gets the strict
  ``CONTENT_SECURITY_POLICY`` (no inline script, no eval); paths under the admin prefix get
  ``PORTAL_ADMIN_CSP``, the looser policy Wagtail's admin needs (inline scripts in widgets and
  panels, eval in the accessibility checker, previews in a same-origin iframe).
- ``DemoPasswordGuardBackend``: Django's ``ModelBackend`` that refuses the demo loader's password
  unless ``DEBUG`` is on *and* ``PORTAL_ALLOW_DEMO_PASSWORD`` is set, so a demo account can never be
  used on a production server even if its password was left at "demo".
- ``TwoFactorMiddleware``: users with a confirmed TOTP device must enter a code before they use the
  admin; users whom settings require to use two-factor authentication are sent to enrol first.
"""

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

DEMO_PASSWORD = "demo"


def admin_prefix():
    return getattr(settings, "PORTAL_ADMIN_PATH_PREFIX", "/admin/")


def is_admin_path(path):
    return path.startswith(admin_prefix())


class PortalCSPMiddleware(CSPMiddleware):
    """Strict policy for the public site, Wagtail's policy for the admin.

    Also lets the admin be framed by itself (``X-Frame-Options: SAMEORIGIN``, for previews) while
    the public site keeps ``X_FRAME_OPTIONS = "DENY"``. Placed before Django's clickjacking
    middleware, so it sees the response after it.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_admin_path(request.path_info) and response.get("X-Frame-Options") == "DENY":
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            return PolicyParts(
                config=settings.PORTAL_ADMIN_CSP["DIRECTIVES"],
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


def demo_password_allowed():
    """The demo password works only on a development server that explicitly allows it."""
    return bool(settings.DEBUG and getattr(settings, "PORTAL_ALLOW_DEMO_PASSWORD", False))


class DemoPasswordGuardBackend(ModelBackend):
    """``ModelBackend`` (which already refuses inactive accounts) that never accepts the demo password
    outside development."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not demo_password_allowed():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login made through a request (the admin login form).

    Logins without a request (``manage.py`` code, the test client's ``login()``) have no client
    address to throttle; axes would raise for them, so they are left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout page in both languages (the admin login has no language prefix)."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "message": "portal/lockout_message.html",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else 0,
    }
    return render(request, "portal/lockout.html", context, status=429)


# Two-factor authentication ---------------------------------------------------------------------


def two_factor_required(user):
    """Whether settings oblige this user to use two-factor authentication."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser and settings.PORTAL_2FA_REQUIRE_SUPERUSERS:
        return True
    names = set(settings.PORTAL_2FA_REQUIRED_GROUPS)
    if names and user.groups.filter(name__in=names).exists():
        return True
    if settings.PORTAL_2FA_REQUIRE_EDITORIAL_BOARD:
        from sections.models import Department

        return Department.objects.for_user(user).filter(is_editorial_board=True, is_active=True).exists()
    return False


def has_confirmed_device(user):
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: guards every admin URL except login, logout,
    the two-factor pages themselves and Wagtail's JavaScript catalogue."""

    exempt_names = ("wagtailadmin_login", "wagtailadmin_logout", "portal_2fa_verify", "portal_2fa_setup")

    def __init__(self, get_response):
        self.get_response = get_response

    def exempt_paths(self):
        paths = []
        for name in self.exempt_names:
            try:
                paths.append(reverse(name))
            except Exception:  # noqa: BLE001  (a URL that is not configured is simply not exempt)
                continue
        return tuple(paths)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and is_admin_path(request.path_info)
            and not request.path_info.startswith(self.exempt_paths())
            and not user.is_verified()
        ):
            if has_confirmed_device(user):
                return redirect(f"{reverse('portal_2fa_verify')}?{urlencode({'next': request.get_full_path()})}")
            if two_factor_required(user):
                return redirect(reverse("portal_2fa_setup"))
        return self.get_response(request)
