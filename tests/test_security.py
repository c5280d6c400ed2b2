"""Deployment security (check --deploy, headers, CSP per area) and accounts (throttling, password rules,
inactive accounts, the demo password, two-factor authentication)."""

import re
import secrets
import string

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory, vi_home
from tests.helpers import PASSWORD
from tests.test_settings import run_django

LOGIN_URL = "/admin/login/"


def random_key(length=50):
    alphabet = string.ascii_letters + string.digits + "-_!@#%^*("
    return "".join(secrets.choice(alphabet) for _ in range(length))


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# Deployment ---------------------------------------------------------------------------------------


def test_check_deploy_with_production_settings_reports_nothing():
    env = {"SECRET_KEY": random_key(), "ALLOWED_HOSTS": "kkt.example.gov.vn", "PORTAL_VAR_DIR": "/tmp/var-deploy-check"}
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='DEBUG')"
    )
    result = run_django("portal.settings.production", env, code)
    assert result.returncode == 0, result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in output, output[-3000:]


def test_production_security_settings():
    env = {"SECRET_KEY": random_key(), "PORTAL_VAR_DIR": "/tmp/var-deploy-check"}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SILENCED_SYSTEM_CHECKS, s.EMAIL_HOST_PASSWORD == '')"
    )
    result = run_django("portal.settings.production", env, code)
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "[]", "True"], result.stderr[-2000:]


def test_email_password_comes_only_from_the_environment():
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_HOST_PASSWORD)"
    env = {"SECRET_KEY": random_key(), "PORTAL_VAR_DIR": "/tmp/var-deploy-check", "EMAIL_HOST_PASSWORD": "from-env"}
    assert run_django("portal.settings.production", env, code).stdout.strip() == "from-env"
    source = (settings.BASE_DIR / "portal" / "settings").glob("*.py")
    for path in source:
        text = path.read_text()
        assert not re.search(r"EMAIL_HOST_PASSWORD\s*=\s*['\"][^'\"]", text), path


@pytest.mark.django_db
class TestHeaders:
    def test_public_page_has_strict_policy(self, client):
        response = client.get(vi_home().url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        csp = csp_directives(response)
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]

    def test_public_page_has_no_inline_script(self, client):
        html = client.get(vi_home().url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, tag
        assert not re.search(r"\son[a-z]+=\"", html), "inline event handler on the public page"

    def test_admin_login_has_wagtails_policy(self, client):
        response = client.get(LOGIN_URL)
        assert response.status_code == 200
        csp = csp_directives(response)
        assert "'unsafe-inline'" in csp["script-src"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_admin_page_for_a_logged_in_editor(self, client):
        user = UserFactory(username="header-admin", is_superuser=True, is_staff=True)
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert "'unsafe-inline'" in csp_directives(response)["script-src"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"

    def test_session_cookie_is_http_only(self, client):
        UserFactory(username="cookie-user", is_superuser=True, password=PASSWORD)
        response = client.post(LOGIN_URL, {"username": "cookie-user", "password": PASSWORD})
        assert response.status_code == 302
        assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


# Accounts -----------------------------------------------------------------------------------------


def post_login(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password})


@pytest.mark.django_db
class TestLoginThrottling:
    @pytest.fixture(autouse=True)
    def _user(self):
        self.user = UserFactory(username="throttled", is_superuser=True, password=PASSWORD)

    def test_lockout_after_the_failure_limit(self, client):
        limit = settings.AXES_FAILURE_LIMIT
        assert limit == 5
        for _attempt in range(limit - 1):
            response = post_login(client, "throttled", "wrong-password-1")
            assert response.status_code == 200  # the login form again, with its error
        response = post_login(client, "throttled", "wrong-password-1")
        assert response.status_code == 429
        # Locked: even the right password is refused, with the bilingual lockout page.
        response = post_login(client, "throttled", PASSWORD)
        assert response.status_code == 429
        html = response.content.decode()
        assert "Tạm khóa đăng nhập" in html
        assert "Login temporarily locked" in html
        assert str(int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)) in html
        assert "_auth_user_id" not in client.session

    def test_lockout_is_per_user_and_address(self, client):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            post_login(client, "throttled", "wrong-password-1")
        # Another address is not locked out for this user.
        other = client.post(LOGIN_URL, {"username": "throttled", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7")
        assert other.status_code == 302

    def test_success_resets_the_count(self, client):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            post_login(client, "throttled", "wrong-password-1")
        assert post_login(client, "throttled", PASSWORD).status_code == 302
        client.logout()
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert post_login(client, "throttled", "wrong-password-1").status_code == 200
        assert post_login(client, "throttled", PASSWORD).status_code == 302

    def test_cool_off_ends_the_lockout(self, client):
        from axes.models import AccessAttempt

        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            post_login(client, "throttled", "wrong-password-1")
        assert post_login(client, "throttled", PASSWORD).status_code == 429
        from django.utils import timezone

        AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
        assert post_login(client, "throttled", PASSWORD).status_code == 302


@pytest.mark.django_db
class TestPasswordsAndAccounts:
    def test_minimum_length_is_twelve(self):
        with pytest.raises(ValidationError):
            validate_password("Xk9#mQ2$vL7")  # 11 characters
        validate_password("Xk9#mQ2$vL7!")  # 12

    def test_common_and_numeric_passwords_refused(self):
        for password in ("password1234", "123456789012"):
            with pytest.raises(ValidationError):
                validate_password(password)

    def test_inactive_account_cannot_log_in(self, client):
        UserFactory(username="retired", is_superuser=True, is_active=False, password=PASSWORD)
        response = post_login(client, "retired", PASSWORD)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        assert authenticate(RequestFactory().post(LOGIN_URL), username="retired", password=PASSWORD) is None


@pytest.mark.django_db
class TestDemoPassword:
    @pytest.fixture(autouse=True)
    def _user(self):
        self.user = UserFactory(username="demo-user", is_superuser=True, password="demo")

    def test_demo_password_refused_without_debug(self, client):
        assert post_login(client, "demo-user", "demo").status_code == 200
        assert "_auth_user_id" not in client.session

    @override_settings(DEBUG=True, PORTAL_ALLOW_DEMO_PASSWORD=False)
    def test_demo_password_refused_with_debug_alone(self):
        assert authenticate(RequestFactory().post(LOGIN_URL), username="demo-user", password="demo") is None

    @override_settings(DEBUG=False, PORTAL_ALLOW_DEMO_PASSWORD=True)
    def test_demo_password_refused_with_the_flag_alone(self):
        assert authenticate(RequestFactory().post(LOGIN_URL), username="demo-user", password="demo") is None

    @override_settings(DEBUG=True, PORTAL_ALLOW_DEMO_PASSWORD=True)
    def test_demo_password_works_in_explicit_development(self):
        assert authenticate(RequestFactory().post(LOGIN_URL), username="demo-user", password="demo") == self.user

    def test_other_passwords_unaffected(self):
        self.user.set_password(PASSWORD)
        self.user.save()
        assert authenticate(RequestFactory().post(LOGIN_URL), username="demo-user", password=PASSWORD) == self.user

    def test_load_demo_refuses_demo_password_without_debug(self):
        with pytest.raises(CommandError, match="PORTAL_ALLOW_DEMO_PASSWORD"):
            call_command("load_demo", "--password", "demo")

    @override_settings(DEBUG=True)
    def test_load_demo_refuses_demo_password_without_the_flag(self):
        with pytest.raises(CommandError):
            call_command("load_demo")


def test_load_demo_refuses_demo_password_under_production_settings():
    env = {"SECRET_KEY": random_key(), "PORTAL_VAR_DIR": "/tmp/var-deploy-check", "PORTAL_ALLOW_DEMO_PASSWORD": "1"}
    code = (
        "import django; django.setup(); from django.core.management import call_command\n"
        "try:\n    call_command('load_demo', '--password', 'demo')\n"
        "except Exception as exc:\n    print(type(exc).__name__, exc)\n"
    )
    result = run_django("portal.settings.production", env, code)
    assert "CommandError" in result.stdout, result.stdout + result.stderr[-2000:]


# Two-factor authentication ------------------------------------------------------------------------


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


@pytest.mark.django_db
class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _user(self):
        self.user = UserFactory(username="twofa", is_superuser=True, password=PASSWORD)

    def enrol(self, client):
        client.force_login(self.user)
        response = client.get(reverse("portal_2fa_setup"))
        assert response.status_code == 200
        assert b"<svg" in response.content  # the QR code, drawn locally
        device = TOTPDevice.objects.get(user=self.user, confirmed=False)
        response = client.post(reverse("portal_2fa_setup"), {"token": current_code(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        return device

    def test_optional_by_default(self, client):
        client.force_login(self.user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200

    def test_account_menu_offers_enrolment(self, client):
        client.force_login(self.user)
        response = client.get(reverse("wagtailadmin_account"))
        assert reverse("portal_2fa_setup").encode() in response.content

    def test_wrong_code_does_not_enrol(self, client):
        client.force_login(self.user)
        client.get(reverse("portal_2fa_setup"))
        response = client.post(reverse("portal_2fa_setup"), {"token": "000000"})
        assert response.status_code == 200
        assert not TOTPDevice.objects.filter(user=self.user, confirmed=True).exists()

    def test_after_enrolment_login_requires_the_code(self, client):
        device = self.enrol(client)
        client.logout()
        assert post_login(client, "twofa", PASSWORD).status_code == 302
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal_2fa_verify"))
        assert client.get(reverse("wagtailadmin_pages:edit", args=[vi_home().pk])).status_code == 302
        # A wrong code keeps the door shut.
        assert client.post(reverse("portal_2fa_verify"), {"token": "000000"}).status_code == 200
        assert client.get(reverse("wagtailadmin_home")).status_code == 302
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.last_t = -1
        device.save()
        response = client.post(reverse("portal_2fa_verify"), {"token": current_code(device), "next": "/admin/pages/"})
        assert response.status_code == 302 and response["Location"] == "/admin/pages/"
        assert client.get(reverse("wagtailadmin_home")).status_code == 200

    def test_verify_refuses_an_outside_next(self, client):
        device = self.enrol(client)
        client.logout()
        post_login(client, "twofa", PASSWORD)
        device.last_t = -1
        device.save()
        response = client.post(
            reverse("portal_2fa_verify"), {"token": current_code(device), "next": "https://evil.example/"}
        )
        assert response["Location"] == reverse("wagtailadmin_home")

    @override_settings(PORTAL_2FA_REQUIRE_SUPERUSERS=True)
    def test_required_users_are_sent_to_enrol(self, client):
        client.force_login(self.user)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 302 and response["Location"] == reverse("portal_2fa_setup")
        self.enrol(client)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200

    @override_settings(PORTAL_2FA_REQUIRE_SUPERUSERS=True)
    def test_required_users_cannot_turn_it_off(self, client):
        device = self.enrol(client)
        device.last_t = -1
        device.save()
        client.post(reverse("portal_2fa_setup"), {"token": current_code(device)})
        assert TOTPDevice.objects.filter(user=self.user, confirmed=True).exists()

    def test_optional_users_can_turn_it_off_with_a_code(self, client):
        device = self.enrol(client)
        device.last_t = -1
        device.save()
        client.post(reverse("portal_2fa_setup"), {"token": current_code(device)})
        assert not TOTPDevice.objects.filter(user=self.user).exists()

    def test_required_groups_setting_and_editorial_board(self, demo_structure, client):
        from portal.security import two_factor_required

        board = get_user_model().objects.get(username="bbt-editor")
        unit = get_user_model().objects.get(username="vp-editor")
        assert not two_factor_required(board)
        with override_settings(PORTAL_2FA_REQUIRE_EDITORIAL_BOARD=True):
            assert two_factor_required(board)
            assert not two_factor_required(unit)
            client.force_login(board)
            response = client.get(reverse("wagtailadmin_home"))
            assert response["Location"] == reverse("portal_2fa_setup")
        group_name = unit.groups.first().name
        with override_settings(PORTAL_2FA_REQUIRED_GROUPS=[group_name]):
            assert two_factor_required(unit)


# The policies in a real browser ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(not __import__("pathlib").Path("/usr/bin/chromium").exists(), reason="Debian chromium missing")
def test_no_csp_violation_on_public_pages_and_admin_screens(live_server, monkeypatch):
    """Chromium reports every blocked script, style or frame on the console: none on the public site
    (strict policy) nor on the admin's dashboard, page editor, preview and image library."""
    from io import StringIO

    from playwright.sync_api import sync_playwright
    from wagtail.models import Page

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

    call_command("load_demo", password=PASSWORD, stdout=StringIO())
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_server.url
    violations = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(locale="vi-VN").new_page()
        page.on(
            "console",
            lambda m: violations.append((page.url, m.text)) if "Content Security Policy" in m.text else None,
        )
        for path in ("/vi/", "/vi/gioi-thieu/", "/vi/van-ban/", "/vi/search/?q=giay+phep", "/en/", "/vi/hoi-dap/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.goto(base + "/admin/login/")
        page.fill('input[name="username"]', "bbt-editor")
        page.fill('input[name="password"]', PASSWORD)
        page.locator('button[type="submit"]').click()
        page.wait_for_url("**/admin/")
        section = Page.objects.get(slug="quy-hoach-xay-dung", locale__language_code="vi")
        for path in (
            "/admin/",
            f"/admin/pages/{section.pk}/edit/",
            f"/admin/pages/{section.pk}/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/2fa/",
        ):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.goto(base + "/vi/")  # public page with the editor's userbar
        page.wait_for_load_state("networkidle")
        browser.close()
    assert violations == []
