"""Full-page cache for anonymous visitors (Django's cache: Redis when ``REDIS_URL`` is set, else local memory).

``PageCacheMiddleware`` sits right after ``LocaleMiddleware``. For an anonymous ``GET``/``HEAD`` it
looks the page up under a key made of the cache generation (``home.cache``), the host, the full path
with its query string and the active language; it stores a rendered response only when it is safe to
give to anybody: status 200, not streamed, no cookie set, no CSRF token used (forms), the session not
written, and not marked ``private``/``no-store``/``no-cache`` by the view.

Every response it sees gets ``X-Cache``: ``HIT`` (served from the cache), ``MISS`` (rendered and stored)
or ``BYPASS`` (not eligible). Cached pages say ``Cache-Control: public, max-age=PAGE_CACHE_BROWSER_SECONDS``
and ``Vary: Cookie``; bypassed pages (200) ``private, no-cache`` unless the view set its own
``Cache-Control``; other methods and the excluded paths are left as their views made them.

A request is bypassed when it carries a session cookie (logged-in editors, visitors with messages or
a passed page password) or a messages cookie, or targets the admin, documents, the visit counter or
the health check. ``PAGE_CACHE_SECONDS = 0`` turns the whole thing off.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .cache import current_generation

logger = logging.getLogger(__name__)

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/visits/", "/healthz", "/_util/")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STORED_HEADERS_SKIPPED = {"set-cookie", "vary", "content-language", "x-cache", "cache-control"}


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def no_page_cache(view):
    """Decorator: never serve or store this view's responses from the page cache (sets ``private, no-cache``)."""

    def wrapped(request, *args, **kwargs):
        request._page_cache_bypass = True
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    wrapped.__wrapped__ = view
    return wrapped


def page_cache_key(request, generation):
    raw = "|".join([generation, request.get_host(), request.get_full_path(), get_language() or ""])
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def _request_is_eligible(request):
    """GET/HEAD of a public URL (others pass through untouched but for ``X-Cache: BYPASS``)."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(EXCLUDED_PREFIXES)


def _request_is_personal(request):
    """A logged-in editor, a visitor who passed a page password, or one with messages waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _response_may_be_stored(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "_page_cache_bypass", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)


def _public(response):
    seconds = int(getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60))
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, public=True, max_age=seconds)
    # Shared caches and browsers must not give this copy to someone who has a session (an editor).
    patch_vary_headers(response, ["Cookie"])


def _bypass(response, private=True):
    response["X-Cache"] = "BYPASS"
    if private and response.status_code == 200 and "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0:
            return self.get_response(request)
        if not _request_is_eligible(request):
            return _bypass(self.get_response(request), private=False)
        if _request_is_personal(request):
            return _bypass(self.get_response(request))
        try:
            generation = current_generation()
        except Exception:  # noqa: BLE001 - the cache must never break a page
            logger.exception("Page cache generation unavailable")
            generation = None
        if generation is None:
            return _bypass(self.get_response(request))
        # The key is computed before rendering: a page rendered while content is being published is
        # stored under the generation it was read in, which the publish has made obsolete.
        key = page_cache_key(request, generation)
        try:
            stored = cache.get(key)
        except Exception:  # noqa: BLE001
            logger.exception("Page cache read failed")
            stored = None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            _public(response)
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        if not _response_may_be_stored(request, response):
            return _bypass(response)
        headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIPPED]
        try:
            cache.set(key, (response.status_code, headers, response.content), seconds)
        except Exception:  # noqa: BLE001
            logger.exception("Page cache write failed")
        _public(response)
        response["X-Cache"] = "MISS"
        return response
