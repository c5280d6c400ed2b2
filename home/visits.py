"""The visit counter Vietnamese government sites show: total, today, this month, online now, and views
per page for a "most read" list.

Counting happens in a small endpoint the page calls after it has loaded (``POST /visits/``), so page
serving is untouched and pages can be cached by a front-end cache. Each increment is a single atomic
``UPDATE … SET n = n + 1`` in the database, so concurrent requests never lose counts and nothing is
buffered (a crash loses nothing). Well-known bots are ignored.
"""

import datetime
import hashlib
import random
import re
import time

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import AgencySettings, DailyVisits, OnlineVisitor, PageViews

ONLINE_WINDOW = datetime.timedelta(minutes=5)
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|mediapartners|facebookexternalhit|embedly|quora link preview|"
    r"whatsapp|telegrambot|skypeuripreview|curl/|wget/|python-requests|python-urllib|go-http-client|"
    r"httpclient|okhttp|java/|libwww|scrapy|headlesschrome.*(lighthouse|pagespeed)|monitor|uptime|pingdom",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def _retrying(write, attempts=20):
    """Run ``write`` in a transaction, retrying when another request wins a race (unique row created
    meanwhile) or SQLite is momentarily locked."""
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(0.2, 0.005 * 2**attempt) * random.random())  # back off, with jitter
        try:
            with transaction.atomic():
                return write()
        except (IntegrityError, OperationalError):
            if attempt == attempts - 1:
                raise
    return None


def _increment(model, lookup, field):
    """Atomic +1 on the ``model`` row identified by ``lookup``; creates the row the first time."""

    def write():
        if not model.objects.filter(**lookup).update(**{field: F(field) + 1}):
            model.objects.create(**lookup, **{field: 1})

    _retrying(write)


def visitor_key(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
    address = forwarded or request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{address}|{agent}".encode()).hexdigest()[:40]


def record_visit(request, page_id=None, now=None):
    """Count one page view. Returns False (and counts nothing) for bots."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    now = now or timezone.now()
    today = timezone.localdate(now)
    _increment(DailyVisits, {"date": today}, "visits")
    if page_id is not None:
        _increment(PageViews, {"page_id": page_id}, "views")
    key = visitor_key(request)
    _retrying(lambda: OnlineVisitor.objects.update_or_create(key=key, defaults={"last_seen": now}))
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        OnlineVisitor.objects.filter(last_seen__lt=now - datetime.timedelta(hours=1)).delete()
    return True


def visit_totals(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    month_start = today.replace(day=1)
    counted = DailyVisits.objects.aggregate(total=Sum("visits"))["total"] or 0
    return {
        "total": AgencySettings.load().visits_before_launch + counted,
        "today": DailyVisits.objects.filter(date=today).values_list("visits", flat=True).first() or 0,
        "month": DailyVisits.objects.filter(date__gte=month_start, date__lte=today).aggregate(n=Sum("visits"))["n"]
        or 0,
        "online": OnlineVisitor.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
    }
