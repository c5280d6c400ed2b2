"""Test settings: fast hashing, dummy cache, mail kept in memory. DATABASE_URL still applies."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# Each pytest-xdist worker gets its own folder (SQLite test database, media, cache files), so
# parallel workers never see each other's files.
_var = os.environ.get("PORTAL_VAR_DIR", "/tmp/portal-test-var")
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and not _var.rstrip("/").endswith(_worker):
    _var = os.path.join(_var, _worker)
os.environ["PORTAL_VAR_DIR"] = _var

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0  # tests measure rendering; tests/test_page_cache.py turns the page cache on
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that log in as the board or a superuser enrol in two-factor only where they test it.
PORTAL_2FA_REQUIRE_EDITORIAL_BOARD = False
PORTAL_2FA_REQUIRE_SUPERUSERS = False
PORTAL_2FA_REQUIRED_GROUPS = []
PORTAL_VISITS_FLUSH_SECONDS = 0  # write every visit at once; the buffering has its own tests
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production (busy timeout, IMMEDIATE transactions), not a shared in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-portal.sqlite3")}  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
# Uploaded files live in this run's own folder; tests/conftest.py empties it when a run starts,
# so file names never collide with files left by an earlier run.
MEDIA_ROOT = VAR_DIR / "media"  # noqa: F405
# Wagtail 8 autosaves the editor every 500 ms; a save racing the journey's "submit" click (slug already
# in use) makes the browser journey flaky. Autosave is Wagtail's own feature, not under test here.
WAGTAIL_AUTOSAVE_INTERVAL = 0
