"""Small site-wide views: health check for load balancers, robots.txt, error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


def _database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"
    return "ok"


def _cache_status():
    """Round-trip a value through the cache (django-redis swallows its errors, so a miss means down)."""
    from django.core.cache import cache

    key, value = "healthz:probe", get_random_string(12)
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"
    return "ok" if ok else "down: no answer (pages are served without cache)"


def _search_status():
    from home.search import uses_elasticsearch

    try:
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        if not uses_elasticsearch(backend):
            return "ok (database)"
        answered = backend.es.options(request_timeout=2, max_retries=0).ping()
    except Exception as exc:  # noqa: BLE001
        return f"down: {type(exc).__name__}"
    return "ok" if answered else "down: no answer (search pages answer 503)"


@never_cache
@require_GET
def healthz(request):
    """JSON status of the database, the cache and the search engine. No session, template or page.

    503 when the database is down (nothing can be served); 200 with ``"status": "degraded"`` when only
    the cache or the search engine is down (pages are still served; search answers 503).
    """
    parts = {"database": _database_status(), "cache": _cache_status(), "search": _search_status()}
    down = sorted(name for name, status in parts.items() if not status.startswith("ok"))
    if "database" in down:
        status, code = "error", 503
    else:
        status, code = ("degraded" if down else "ok"), 200
    return JsonResponse({"status": status, "down": down, **parts}, status=code)


def csrf_failure(request, reason=""):
    """403 for a form posted without a valid CSRF token, in the visitor's language; nothing is stored."""
    response = render(request, "403_csrf.html", {"reason": reason}, status=403)
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"message": "errors/404_message.html"}, status=404)


def server_error(request):
    # Rendered without a request context: the database or template tags may be the failure.
    return render(request, "500.html", {"message": "errors/500_message.html"}, status=500)


@csrf_exempt  # called by every visitor's browser without a session; it only ever adds one view
@never_cache
def visits(request):
    """POST: count one view (optionally of page ``page``) and return the counter; GET: the counter only."""
    from .visits import record_visit, visit_totals

    if request.method == "POST":
        raw = request.POST.get("page", "")
        # Unknown ids are dropped when the buffer is written; nothing here touches the database.
        page_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
        record_visit(request, page_id)
    elif request.method != "GET":
        return JsonResponse({"error": "method not allowed"}, status=405)
    return JsonResponse(visit_totals())
