"""The visit counter Vietnamese government sites show: total, today, this month, online now, and views
per page for a "most read" list.

Counting happens in a small endpoint the page calls after it has loaded (``POST /visits/``), so page
serving is untouched and pages can be cached by a front-end cache. The endpoint only adds to an
in-memory buffer of its worker process; every ``PORTAL_VISITS_FLUSH_SECONDS`` (default 10 s) the buffer
is written to the database with atomic ``UPDATE … SET n = n + delta`` statements, so concurrent workers
never lose counts, and a crashed worker loses at most one flush interval. Graceful shutdowns flush.
Well-known bots are ignored.
"""

import atexit
import datetime
import hashlib
import logging
import random
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import AgencySettings, DailyVisits, OnlineVisitor, PageViews

logger = logging.getLogger(__name__)
ONLINE_WINDOW = datetime.timedelta(minutes=5)
TOTALS_TTL_SECONDS = 10
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|mediapartners|facebookexternalhit|embedly|quora link preview|"
    r"whatsapp|telegrambot|skypeuripreview|curl/|wget/|python-requests|python-urllib|go-http-client|"
    r"httpclient|okhttp|java/|libwww|scrapy|headlesschrome.*(lighthouse|pagespeed)|monitor|uptime|pingdom",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def flush_interval():
    return getattr(settings, "PORTAL_VISITS_FLUSH_SECONDS", 10)


class VisitBuffer:
    """Counts of this worker process not yet written to the database."""

    def __init__(self):
        self.lock = threading.Lock()
        self.days, self.pages, self.online = Counter(), Counter(), {}
        self.last_flush = time.monotonic()

    def add(self, day, page_id, key, seen):
        with self.lock:
            self.days[day] += 1
            if page_id is not None:
                self.pages[page_id] += 1
            self.online[key] = seen

    def take(self):
        with self.lock:
            taken = (self.days, self.pages, self.online)
            self.days, self.pages, self.online = Counter(), Counter(), {}
            self.last_flush = time.monotonic()
            return taken

    def put_back(self, days, pages, online):
        with self.lock:
            self.days.update(days)
            self.pages.update(pages)
            for key, seen in online.items():
                self.online[key] = max(seen, self.online.get(key, seen))

    def due(self):
        return time.monotonic() - self.last_flush >= flush_interval()

    def pending_for(self, day, month_start):
        with self.lock:
            return (
                sum(self.days.values()),
                self.days.get(day, 0),
                sum(n for d, n in self.days.items() if month_start <= d <= day),
            )


_buffer = VisitBuffer()
_totals_cache = {"at": 0.0, "value": None}


def _retrying(write, attempts=20):
    """Run ``write`` in a transaction, retrying when another worker wins a race (unique row created
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


def _increment(model, lookup, field, delta):
    """Atomic ``+delta`` on the ``model`` row identified by ``lookup``; creates the row the first time."""

    def write():
        if not model.objects.filter(**lookup).update(**{field: F(field) + delta}):
            model.objects.create(**lookup, **{field: delta})

    _retrying(write)


def visitor_key(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
    address = forwarded or request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{address}|{agent}".encode()).hexdigest()[:40]


def record_visit(request, page_id=None, now=None):
    """Count one page view (in memory; flushed on schedule). Returns False, counting nothing, for bots."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    now = now or timezone.now()
    _buffer.add(timezone.localdate(now), page_id, visitor_key(request), now)
    if _buffer.due():
        flush()
    return True


def flush():
    """Write this process's buffered counts to the database. Safe to call any time, from any thread."""
    from wagtail.models import Page

    days, pages, online = _buffer.take()
    if not (days or pages or online):
        return 0
    try:
        for day, delta in days.items():
            _increment(DailyVisits, {"date": day}, "visits", delta)
        days = Counter()
        existing = set(Page.objects.filter(pk__in=list(pages)).values_list("pk", flat=True))
        for page_id, delta in pages.items():
            if page_id in existing:  # a page deleted meanwhile (or a forged id) is simply dropped
                _increment(PageViews, {"page_id": page_id}, "views", delta)
        pages = Counter()
        for key, seen in online.items():
            _retrying(
                lambda key=key, seen=seen: OnlineVisitor.objects.update_or_create(key=key, defaults={"last_seen": seen})
            )
        if random.random() < 0.05:  # noqa: S311 - housekeeping, not security
            OnlineVisitor.objects.filter(last_seen__lt=timezone.now() - datetime.timedelta(hours=1)).delete()
    except Exception:  # noqa: BLE001 - keep the counts for the next flush rather than lose them
        logger.exception("Could not write visit counts; keeping them for the next flush.")
        _buffer.put_back(days, pages, online)
        return 0
    _totals_cache["at"] = 0.0
    return sum(days.values())


def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: BLE001
        logger.warning("Visit counts could not be flushed at shutdown.")


atexit.register(_flush_at_exit)


def visit_totals(now=None):
    """The counter as shown: stored counts (re-read at most every 10 s) plus this process's buffer."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    month_start = today.replace(day=1)
    cached = _totals_cache["value"]
    if cached is None or cached["date"] != today or time.monotonic() - _totals_cache["at"] > TOTALS_TTL_SECONDS:
        counted = DailyVisits.objects.aggregate(total=Sum("visits"))["total"] or 0
        cached = {
            "date": today,
            "total": AgencySettings.load().visits_before_launch + counted,
            "today": DailyVisits.objects.filter(date=today).values_list("visits", flat=True).first() or 0,
            "month": DailyVisits.objects.filter(date__gte=month_start, date__lte=today).aggregate(n=Sum("visits"))["n"]
            or 0,
            "online": OnlineVisitor.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
        }
        _totals_cache.update(at=time.monotonic(), value=cached)
    pending_total, pending_today, pending_month = _buffer.pending_for(today, month_start)
    return {
        "total": cached["total"] + pending_total,
        "today": cached["today"] + pending_today,
        "month": cached["month"] + pending_month,
        "online": max(cached["online"], 1 if pending_total else 0),
    }


def reset_for_tests():
    """Forget buffered counts and the cached totals (tests only)."""
    _buffer.take()
    _totals_cache.update(at=0.0, value=None)
