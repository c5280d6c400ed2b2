"""Settings come from the environment; production refuses to start without a real SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent


SHOW_SETTING = "import django; django.setup(); from django.conf import settings; print(settings.%s)"


def run_django(settings_module, env_overrides, code="import django; django.setup(); print('started')"):
    # Only the machine's basics: no test settings, no keys, no switches a test may have set.
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR", "DATABASE_URL"}}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = run_django("portal.settings.production", {})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_development_key():
    for key in ("short", "dev-only-insecure-key-never-use-in-production"):
        result = run_django("portal.settings.production", {"SECRET_KEY": key})
        assert result.returncode != 0, key


def test_production_starts_with_a_real_key_and_passes_deploy_checks():
    env = {"SECRET_KEY": "q8Zr-2mT_vX9pL4wN7eK1sB6yH3cJ0uA5fG8dR2tV7nM4xW9kP", "ALLOWED_HOSTS": "portal.example.vn"}
    assert "started" in run_django("portal.settings.production", env).stdout
    code = (
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_django("portal.settings.production", env, code)
    assert result.returncode == 0, result.stderr[-2000:]


def test_production_debug_is_off_even_if_the_environment_says_otherwise():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = run_django(
        "portal.settings.production",
        {"SECRET_KEY": "q8Zr-2mT_vX9pL4wN7eK1sB6yH3cJ0uA5fG8dR2tV7nM4xW9kP", "DEBUG": "true"},
        code,
    )
    assert result.stdout.strip() == "False"


def test_base_defaults():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES][:2] == ["vi", "en"]
    assert settings.WAGTAIL_I18N_ENABLED
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


def test_database_url_selects_the_backend():
    code = SHOW_SETTING % "DATABASES['default']['ENGINE']"
    sqlite = run_django("portal.settings.dev", {"DATABASE_URL": ""}, code)
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    postgres = run_django("portal.settings.dev", {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x"}, code)
    assert postgres.stdout.strip() == "django.db.backends.postgresql"


def test_elasticsearch_backend_only_when_url_is_set():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    default = run_django("portal.settings.dev", {"ELASTICSEARCH_URL": ""}, code)
    assert default.stdout.strip() == "wagtail.search.backends.database"
    elastic = run_django("portal.settings.dev", {"ELASTICSEARCH_URL": "http://127.0.0.1:9200"}, code)
    assert elastic.stdout.strip() == "wagtail.search.backends.elasticsearch9"


def test_redis_cache_only_when_url_is_set():
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    assert "locmem" in run_django("portal.settings.dev", {"REDIS_URL": ""}, code).stdout
    assert "django_redis" in run_django("portal.settings.dev", {"REDIS_URL": "redis://127.0.0.1:6379/1"}, code).stdout


def test_languages_are_configuration():
    code = "import django; django.setup(); from django.conf import settings as s; print([c for c, _ in s.LANGUAGES])"
    result = run_django("portal.settings.dev", {"PORTAL_LANGUAGES": "vi,en,ko"}, code)
    assert result.stdout.strip() == "['vi', 'en', 'ko']"
    bad = run_django("portal.settings.dev", {"PORTAL_LANGUAGES": "en,vi"}, code)
    assert bad.returncode != 0 and "must start with 'vi'" in bad.stderr
