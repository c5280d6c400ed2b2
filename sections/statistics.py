"""Monthly article counts per department: the numbers the editorial board reports and the year-end
emulation review relies on.

Counting rules (also printed on the report itself):
1. A month is a calendar month in the portal's time zone (Asia/Ho_Chi_Minh), not UTC.
2. An article counts once, for the department it is attributed to, in the month of its FIRST
   publication (Wagtail's ``first_published_at``); later edits and re-publications do not move it.
3. Translations of an article (other locales, same translation key) and aliases never count again:
   a translation group counts once, in the month its earliest member was first published.
4. Deleted articles do not count. Articles unpublished later still count for the month they were
   first published in, and are flagged as unpublished.
5. Which page types are "articles" is configuration: ``settings.PORTAL_COUNTED_PAGE_TYPES``.
6. The editorial board has no quota unless one is set on it; every other active unit has its own
   quota or the site default (EditorialSettings, 2 a month).
"""

import calendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from .models.departments import Department


def portal_timezone():
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text):
        """'2026-11' -> Month(2026, 11); ValueError with a clear message otherwise."""
        try:
            year_text, month_text = str(text).strip().split("-")
            year, month = int(year_text), int(month_text)
        except (ValueError, AttributeError):
            raise ValueError(f"Tháng không hợp lệ: {text!r} (định dạng YYYY-MM, ví dụ 2026-11).") from None
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise ValueError(f"Tháng không hợp lệ: {text!r} (định dạng YYYY-MM, ví dụ 2026-11).")
        return cls(year, month)

    @classmethod
    def current(cls, now=None):
        local = timezone.localtime(now or timezone.now(), portal_timezone())
        return cls(local.year, local.month)

    def previous(self):
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self):
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    @property
    def start(self):
        """Local midnight on the first day, as an aware datetime."""
        return datetime.datetime(self.year, self.month, 1, tzinfo=portal_timezone())

    @property
    def end(self):
        return self.next().start

    @property
    def days(self):
        return calendar.monthrange(self.year, self.month)[1]

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self):
        return f"{self.month:02d}/{self.year}"


def counted_models():
    return [apps.get_model(label) for label in settings.PORTAL_COUNTED_PAGE_TYPES]


@dataclass
class CountedItem:
    """One counted article: what the report lists so anyone can check the number."""

    page: object
    first_published_at: datetime.datetime

    @property
    def title(self):
        return self.page.title

    @property
    def live(self):
        return self.page.live

    @property
    def department_id(self):
        return self.page.department_id


def counted_items(start, end):
    """Articles whose translation group was first published in [start, end), one per group."""
    items = []
    for model in counted_models():
        groups = (
            model.objects.filter(alias_of__isnull=True, first_published_at__isnull=False)
            .order_by()  # the default ordering (path) would split the GROUP BY per page
            .values("translation_key")
            .annotate(first=Min("first_published_at"))
            .filter(first__gte=start, first__lt=end)
        )
        firsts = {row["translation_key"]: row["first"] for row in groups}
        if not firsts:
            continue
        candidates = (
            model.objects.filter(translation_key__in=firsts.keys(), alias_of__isnull=True)
            .select_related("locale")
            .order_by("first_published_at", "pk")
        )
        seen = set()
        for page in candidates:
            key = page.translation_key
            if key in seen or page.first_published_at != firsts[key]:
                continue
            seen.add(key)
            items.append(CountedItem(page=page, first_published_at=firsts[key]))
    items.sort(key=lambda item: item.first_published_at)
    return items


def default_quota():
    from .models.editorial import EditorialSettings

    return EditorialSettings.load().default_monthly_quota


def quota_for(department, default=None):
    if department.monthly_quota is not None:
        return department.monthly_quota
    return default_quota() if default is None else default


class DepartmentRow:
    """Flat attributes for spreadsheet export (Wagtail's list_export takes dotted paths)."""

    @property
    def code(self):
        return self.department.code

    @property
    def name(self):
        return self.department.name


@dataclass
class DepartmentMonth(DepartmentRow):
    department: Department
    quota: int
    items: list = field(default_factory=list)

    @property
    def published(self):
        return len(self.items)

    @property
    def met(self):
        return self.published >= self.quota

    @property
    def missing(self):
        return max(self.quota - self.published, 0)

    @property
    def unpublished_count(self):
        return sum(1 for item in self.items if not item.live)


def quota_departments():
    """Active units bound by the quota. The editorial board approves rather than writes, so it has no
    quota unless one is set on it explicitly."""
    return Department.objects.active().exclude(is_editorial_board=True, monthly_quota__isnull=True)


def departments_visible_to(user):
    """The editorial board and administrators see every unit; a department editor sees their own."""
    departments = quota_departments()
    if user is None or user.is_superuser:
        return departments
    own = Department.objects.for_user(user)
    if own.filter(is_editorial_board=True).exists():
        return departments
    return departments.filter(pk__in=own.values("pk"))


def monthly_quota(month, departments=None):
    """One row per active department for ``month``, with the counted items."""
    departments = list(departments if departments is not None else quota_departments())
    default = default_quota()
    rows = {d.pk: DepartmentMonth(department=d, quota=quota_for(d, default)) for d in departments}
    for item in counted_items(month.start, month.end):
        row = rows.get(item.department_id)
        if row is not None:
            row.items.append(item)
    return list(rows.values())


@dataclass
class DepartmentYear(DepartmentRow):
    department: Department
    quota: int
    counts: list  # 12 numbers, January first
    months_elapsed: int

    @property
    def total(self):
        return sum(self.counts)

    @property
    def months_met(self):
        return sum(1 for count in self.counts[: self.months_elapsed] if count >= self.quota)

    def __getattr__(self, name):
        # m01 … m12 for the spreadsheet export
        if name.startswith("m") and name[1:].isdigit() and 1 <= int(name[1:]) <= 12:
            return self.counts[int(name[1:]) - 1]
        raise AttributeError(name)


def yearly_quota(year, departments=None, now=None):
    """Twelve monthly counts per department for the emulation review."""
    departments = list(departments if departments is not None else quota_departments())
    default = default_quota()
    current = Month.current(now)
    if year < current.year:
        elapsed = 12
    elif year == current.year:
        elapsed = current.month
    else:
        elapsed = 0
    counts = {d.pk: [0] * 12 for d in departments}
    for item in counted_items(Month(year, 1).start, Month(year + 1, 1).start):
        local = timezone.localtime(item.first_published_at, portal_timezone())
        if item.department_id in counts:
            counts[item.department_id][local.month - 1] += 1
    return [
        DepartmentYear(department=d, quota=quota_for(d, default), counts=counts[d.pk], months_elapsed=elapsed)
        for d in departments
    ]


def days_left(month, now=None):
    """Days remaining in ``month`` counting today (0 once the month is over)."""
    today = timezone.localtime(now or timezone.now(), portal_timezone()).date()
    last = datetime.date(month.year, month.month, month.days)
    if today > last:
        return 0
    first = datetime.date(month.year, month.month, 1)
    return (last - max(today, first)).days + 1
