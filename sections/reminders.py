"""Quota reminder e-mails: units behind quota from the configured day, last month's summary on the 1st.

Each e-mail is first recorded in ReminderLog (unique per kind, day, month and recipient) and only then
sent; if sending fails the record is removed so the next run tries again. Running twice on one day
therefore sends nothing twice.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models.departments import Department
from .models.editorial import EditorialSettings
from .models.reminders import ReminderLog
from .statistics import Month, days_left, monthly_quota, portal_timezone

logger = logging.getLogger(__name__)


def recipients_for(departments):
    """E-mail addresses of the active users in these departments' groups (and the units' own address)."""
    User = get_user_model()
    groups = [d.group_id for d in departments if d.group_id]
    emails = set(
        User.objects.filter(is_active=True, groups__in=groups).exclude(email="").values_list("email", flat=True)
    )
    emails.update(d.email for d in departments if d.email)
    return sorted(emails)


def _send_once(kind, day, period, recipient, department, subject, body):
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                kind=kind, sent_on=day, period=period, recipient=recipient, department=department
            )
    except IntegrityError:
        return False  # already sent today
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except Exception:  # noqa: BLE001 - a mail outage must not stop the other reminders
        logger.exception("Quota reminder to %s failed; it will be retried on the next run.", recipient)
        log.delete()
        return False
    return True


def send_quota_reminders(today=None, base_url=None):
    """Send what is due on ``today`` (local date). Returns the number of e-mails sent.

    - from the configured day of the month: units behind quota, daily;
    - on the 1st: last month's summary to the editorial board;
    - on Mondays: each unit's pages overdue for review (content freshness), weekly.
    """
    now = datetime.datetime.now(tz=portal_timezone())
    today = today or now.date()
    base_url = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    options = EditorialSettings.load()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        if today.day >= options.reminder_day:
            month = Month(today.year, today.month)
            remaining = days_left(month, now=datetime.datetime.combine(today, datetime.time(12), portal_timezone()))
            for row in monthly_quota(month):
                if row.met:
                    continue
                context = {"row": row, "month": month, "days_left": remaining, "base_url": base_url}
                subject = render_to_string("sections/email/quota_behind_subject.txt", context).strip()
                body = render_to_string("sections/email/quota_behind.txt", context)
                for email in recipients_for([row.department]):
                    sent += _send_once(ReminderLog.Kind.BEHIND, today, str(month), email, row.department, subject, body)
        if today.day == 1:
            month = Month(today.year, today.month).previous()
            rows = monthly_quota(month)
            context = {"rows": rows, "month": month, "base_url": base_url, "behind": [r for r in rows if not r.met]}
            subject = render_to_string("sections/email/quota_summary_subject.txt", context).strip()
            body = render_to_string("sections/email/quota_summary.txt", context)
            board = list(Department.objects.active().filter(is_editorial_board=True))
            for email in recipients_for(board):
                sent += _send_once(ReminderLog.Kind.SUMMARY, today, str(month), email, None, subject, body)
        if today.weekday() == 0:
            sent += _send_overdue_pages(today, base_url)
    return sent


def _send_overdue_pages(today, base_url):
    from .freshness import review_items

    sent = 0
    week = today.strftime("%GW%V")  # e.g. 2026W48: one digest per unit per ISO week
    by_department = {}
    for item in review_items(today=today):
        if item.department is not None and item.department.is_active:
            by_department.setdefault(item.department, []).append(item)
    for department, items in by_department.items():
        context = {"department": department, "items": items, "base_url": base_url}
        subject = render_to_string("sections/email/overdue_subject.txt", context).strip()
        body = render_to_string("sections/email/overdue.txt", context)
        for email in recipients_for([department]):
            sent += _send_once(ReminderLog.Kind.OVERDUE, today, week, email, department, subject, body)
    return sent
