"""Languages are configuration: every configured language gets a Locale and a translated home page."""

from django.conf import settings
from wagtail.models import Locale


def ensure_locales_and_homes(stdout=None):
    """Idempotent: create missing locales and home page translations for ``settings.LANGUAGES``."""
    from .models import HomePage
    from .translation import translate_page

    created = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        _locale, was_created = Locale.objects.get_or_create(language_code=code)
        if was_created:
            created.append(code)
    source_home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source_home is None:
        return created
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        if not source_home.get_translations().filter(locale__language_code=code).exists():
            translate_page(source_home, code, strings={"Trang chủ": _HOME_TITLES.get(code, "Home")})
            if stdout:
                stdout.write(f"Created the {code} home page.\n")
    return created


_HOME_TITLES = {"en": "Home", "zh-hans": "首页", "ko": "홈", "ja": "ホーム", "fr": "Accueil"}


def ensure_default_site_address():
    """Point the default Site at WAGTAILADMIN_BASE_URL while it still has the placeholder address.

    Absolute URLs (sitemap.xml, feeds, e-mails) are built from the Site; an administrator who sets the
    real hostname in the admin keeps it, since only the migration's placeholder is replaced.
    """
    from urllib.parse import urlsplit

    from wagtail.models import Site

    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True, hostname="localhost", port=80).exclude(
        hostname=parts.hostname, port=port
    ).update(hostname=parts.hostname, port=port)


def post_migrate_handler(sender, app_config=None, verbosity=1, stdout=None, **kwargs):
    # Run once, after the last of our apps has migrated.
    if app_config is None or app_config.name != "home":
        return
    from django.db import connection

    from .models import HomePage

    tables = set(connection.introspection.table_names())
    # After `migrate home zero` (or a partial migrate) there is nothing to set up.
    if not {"wagtail_localize_translationsource", HomePage._meta.db_table} <= tables:
        return
    ensure_locales_and_homes(stdout if verbosity else None)
    ensure_default_site_address()
