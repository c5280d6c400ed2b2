"""Which pages are due for review, for which department, and why.

A page is due when its review date has come: the date an editor set, otherwise its last review (or
last publication) plus the page type's interval from ``settings.PORTAL_REVIEW_INTERVALS``. A page
type may flag a page at once through ``freshness_flag()`` (an expired legal document, a superseded
procedure). The department is the owner of the section the page sits in.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, get_page_models

from .models.freshness import ContentReview
from .permissions import section_models


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class ReviewItem:
    page: Page
    department: object
    due: datetime.date | None
    flag: str
    review: ContentReview | None
    today: datetime.date

    @property
    def overdue_days(self):
        return (self.today - self.due).days if self.due and self.due <= self.today else 0

    @property
    def is_overdue(self):
        return bool(self.flag) or (self.due is not None and self.due <= self.today)

    @property
    def sort_key(self):
        return (not self.is_overdue, not self.flag, self.due or datetime.date.max, self.page.title)

    # Flat attributes for the spreadsheet export.
    @property
    def title(self):
        return self.page.title

    @property
    def department_code(self):
        return self.department.code if self.department else ""

    @property
    def page_type(self):
        return self.page.specific_class._meta.verbose_name if self.page.specific_class else ""

    @property
    def last_reviewed_at(self):
        return self.review.last_reviewed_at if self.review else None


def section_owners():
    """Map of section path -> department, longest paths first (nearest section wins)."""
    owners = {}
    for model in section_models():
        for section in model.objects.select_related("department"):
            owners[section.path] = section.department
    return sorted(owners.items(), key=lambda item: -len(item[0]))


def owner_of(path, owners):
    for section_path, department in owners:
        if path.startswith(section_path):
            return department
    return None


def review_items(departments=None, today=None, horizon_days=0):
    """Pages due by ``today + horizon_days`` or flagged, for ``departments`` (None: all), overdue first."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=horizon_days)
    # Page types named in the setting but not installed (an app switched off) are skipped.
    intervals = {
        apps.get_model(label): months
        for label, months in settings.PORTAL_REVIEW_INTERVALS.items()
        if _model_exists(label)
    }
    flagging = [m for m in get_page_models() if hasattr(m, "freshness_flag")]
    models = set(intervals) | set(flagging)
    reviews = {r.page_id: r for r in ContentReview.objects.select_related("last_reviewed_by")}
    owners = section_owners()
    department_ids = {d.pk for d in departments} if departments is not None else None
    items = []
    for model in models:
        months = intervals.get(model)
        for page in model.objects.live().select_related("locale"):
            department = owner_of(page.path, owners)
            if department_ids is not None and (department is None or department.pk not in department_ids):
                continue
            review = reviews.get(page.pk)
            flag = page.freshness_flag() if hasattr(page, "freshness_flag") else ""
            due = review.review_by if review and review.review_by else None
            if due is None and months:
                base = max(
                    filter(None, [review.last_reviewed_at if review else None, page.last_published_at]),
                    default=None,
                )
                due = add_months(timezone.localdate(base), months) if base else today
            if flag or (due is not None and due <= limit):
                items.append(
                    ReviewItem(page=page, department=department, due=due, flag=flag, review=review, today=today)
                )
    items.sort(key=lambda item: item.sort_key)
    return items


def _model_exists(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def mark_reviewed(page, user, review_by=None):
    """Record that ``user`` checked ``page`` now; optionally set the next review date explicitly."""
    from wagtail.log_actions import log

    review, _created = ContentReview.objects.get_or_create(page=page)
    review.last_reviewed_at = timezone.now()
    review.last_reviewed_by = user
    review.review_by = review_by
    review.save()
    log(instance=page, action="portal.reviewed", user=user, data={"review_by": str(review_by or "")})
    return review
