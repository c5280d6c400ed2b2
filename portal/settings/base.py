"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; nothing here is a
secret. ``DEBUG`` is off unless an environment turns it on (``dev.py`` does, production never).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.cache_settings import cache_settings
from search.backend_settings import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    """One idiom for boolean environment variables: 1/true/yes/on are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, in dependency order: home <- sections <- procedures, investment; search reads all.
    "home",
    "sections",
    "procedures",
    "investment",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",  # read-only API for procedures (procedures.api)
    "rest_framework",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",  # Content-Security-Policy header (portal.security.PortalCSPMiddleware)
    "axes",  # login throttling
    "django_otp",  # optional two-factor authentication (TOTP)
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous pages from the cache (after LocaleMiddleware: the key holds the language). home/page_cache.py
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.security.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.SearchUnavailableMiddleware",  # search engine down: 503 page, not a 500
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: turns a lockout into its page
]

ROOT_URLCONF = "portal.urls"
# A refused CSRF check gets a 403 page in the visitor's language (home.views.csrf_failure).
CSRF_FAILURE_VIEW = "home.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: a SQLite file under var/ unless DATABASE_URL says otherwise (postgres://…).
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: wait for locks instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (errors degrade to "no cache"), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = cache_settings(
    REDIS_URL,
    key_prefix=os.environ.get("CACHE_KEY_PREFIX", "portal"),
    timeout_seconds=float(os.environ.get("REDIS_TIMEOUT", "1")),
    max_entries=int(os.environ.get("CACHE_MAX_ENTRIES", "5000")),
)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Full-page cache for anonymous visitors (home/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long browsers (and shared caches that honour Cache-Control) may keep a page.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# With the per-process local-memory cache, the workers share the cache generation through this file.
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "page-cache-generation"
# Front-end cache (Varnish or Cloudflare) purged on publish/unpublish/move: see README "Caching".
WAGTAILFRONTENDCACHE = {}
# Page URLs carry their language and have per-language slugs: purge exactly the URLs given.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if os.environ.get("FRONTEND_CACHE_VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PORTAL_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: django-axes checks for a lockout first; the guard refuses the demo password outside
# development (and, like ModelBackend, inactive accounts). See portal/security.py.
AUTHENTICATION_BACKENDS = [
    "portal.security.LoginThrottleBackend",
    "portal.security.DemoPasswordGuardBackend",
]
PORTAL_ALLOW_DEMO_PASSWORD = env_bool("PORTAL_ALLOW_DEMO_PASSWORD", False)  # only ever honoured with DEBUG on
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one address cannot lock a user out everywhere
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"  # bilingual page, HTTP 429
AXES_VERBOSE = False
# Two-factor authentication (django-otp TOTP): optional for everyone; required, before any admin
# page, for the groups listed here, for the editorial board's groups and for superusers when on.
PORTAL_2FA_REQUIRED_GROUPS = env_list("PORTAL_2FA_REQUIRED_GROUPS", "")
PORTAL_2FA_REQUIRE_EDITORIAL_BOARD = env_bool("PORTAL_2FA_REQUIRE_EDITORIAL_BOARD", True)
PORTAL_2FA_REQUIRE_SUPERUSERS = env_bool("PORTAL_2FA_REQUIRE_SUPERUSERS", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cong thong tin BQL KKT")

# Content Security Policy (django-csp 4). The public site: nothing inline, nothing from elsewhere
# (JSON-LD data blocks are not scripts and need nothing). The admin (PORTAL_ADMIN_PATH_PREFIX) gets
# the policy Wagtail's admin needs: inline scripts and styles in its widgets, eval in its checker.
PORTAL_ADMIN_PATH_PREFIX = "/admin/"
_CSP_COMMON = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "form-action": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'", "data:"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PORTAL_ADMIN_CSP = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Frames: DENY everywhere; the admin (previews in a same-origin iframe) gets SAMEORIGIN from
# portal.security.PortalCSPMiddleware and Wagtail's own preview views.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Internationalisation: Vietnamese first, English second; more languages are configuration.
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
KNOWN_LANGUAGES = {
    "vi": _("Tiếng Việt"),
    "en": _("English"),
    "zh-hans": _("中文"),
    "ko": _("한국어"),
    "ja": _("日本語"),
    "fr": _("Français"),
}
PORTAL_LANGUAGES = env_list("PORTAL_LANGUAGES", "vi,en")
if not PORTAL_LANGUAGES or PORTAL_LANGUAGES[0] != "vi":
    raise ImproperlyConfigured("PORTAL_LANGUAGES must start with 'vi', the source language.")
unknown = [code for code in PORTAL_LANGUAGES if code not in KNOWN_LANGUAGES]
if unknown:
    raise ImproperlyConfigured(f"PORTAL_LANGUAGES has unknown codes: {', '.join(unknown)}")
LANGUAGES = [(code, KNOWN_LANGUAGES[code]) for code in PORTAL_LANGUAGES]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# New translations are drafts that go through the same approval as any edit.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Static and media files: collected under var/, served by whitenoise (no CDN anywhere).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: SMTP when EMAIL_HOST is set; the console otherwise (dev prints mails).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Cổng thông tin Ban Quản lý Khu kinh tế")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # closed provincial network
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com: nothing leaves the server
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES[:2] if len(LANGUAGES) > 1 else LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Uploads (home/uploads.py): the office formats a government site publishes, raster images only;
# the content must match the extension; documents are always served as downloads through Django.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"]
PORTAL_MAX_DOCUMENT_MB = int(os.environ.get("PORTAL_MAX_DOCUMENT_MB", "20"))
WAGTAILDOCS_MAX_UPLOAD_SIZE = PORTAL_MAX_DOCUMENT_MB * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.PortalDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("PORTAL_MAX_IMAGE_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.PortalImageForm"
# Database backend by default; Elasticsearch (or OpenSearch with SEARCH_ENGINE=opensearch) when
# ELASTICSEARCH_URL is set, with Vietnamese-folding analyzers. See search/backend_settings.py.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = search_backends(
    ELASTICSEARCH_URL,
    engine=os.environ.get("SEARCH_ENGINE", "elasticsearch"),
    index_prefix=os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
)

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Wagtail logs every page action at INFO (the audit log keeps them); keep the console readable.
        "wagtail": {
            "handlers": ["console"],
            "level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Portal options
# Which page model is a counted "article" (tin, bài) in listings, feeds and statistics.
PORTAL_NEWS_MODEL = "sections.ArticlePage"
# Page types counted in the monthly quota statistics (model labels).
PORTAL_COUNTED_PAGE_TYPES = [PORTAL_NEWS_MODEL]

# Content freshness: months between reviews per page type (None: not reviewed on a schedule).
# A page type may also define ``freshness_flag()`` to put a page in the review report at once
# (for example an expired legal document).
PORTAL_REVIEW_INTERVALS = {
    "sections.SectionPage": 6,
    "sections.StandardPage": 12,
    "sections.LegalDocumentIndexPage": 6,
    "procedures.ProcedureIndexPage": 6,
    "procedures.ProcedurePage": 6,
    "investment.InvestmentIndexPage": 6,
}

# Visit counter: seconds between writes of each worker's buffered counts (at most this is lost on a crash).
PORTAL_VISITS_FLUSH_SECONDS = int(os.environ.get("PORTAL_VISITS_FLUSH_SECONDS", "10"))

# A procedure's page on the national public-service portal (a link, nothing is loaded from there).
PROCEDURES_NATIONAL_PORTAL_URL = os.environ.get(
    "PROCEDURES_NATIONAL_PORTAL_URL",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
)

# Public forms (Q&A, contact, investor inquiry): at most this many submissions per form and client
# address (and per e-mail address) within the window, in seconds; 0 turns the limit off.
PORTAL_FORM_RATE_LIMIT = int(os.environ.get("PORTAL_FORM_RATE_LIMIT", "5"))
PORTAL_FORM_RATE_WINDOW = int(os.environ.get("PORTAL_FORM_RATE_WINDOW", "3600"))
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (0: use REMOTE_ADDR only).
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))
