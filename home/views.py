"""Small site-wide views: health check for load balancers, robots.txt, error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise. No session, no template, no cache."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
