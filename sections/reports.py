"""Admin reports for the editorial board: monthly quota per department and the year view.

Both are Wagtail ``ReportView`` subclasses, so CSV and XLSX export come from Wagtail itself and give
exactly the rows shown on screen. A department editor sees only their own unit's row.
"""

import datetime

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from .statistics import Month, default_quota, departments_visible_to, monthly_quota, yearly_quota

CHART_WIDTH = 720
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 110


def quota_chart(rows):
    """Geometry for an inline SVG bar chart (counts against each unit's quota); no scripts, no internet."""
    scale_max = max([row.published for row in rows] + [row.quota for row in rows] + [1])
    usable = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            {
                "label": row.code,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": round(usable * row.published / scale_max, 1),
                "quota_x": LABEL_WIDTH + round(usable * row.quota / scale_max, 1),
                "value_x": LABEL_WIDTH + round(usable * row.published / scale_max, 1) + 6,
                "published": row.published,
                "quota": row.quota,
                "met": row.met,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(rows) * (BAR_HEIGHT + BAR_GAP) + 10,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


class QuotaReportMixin:
    """Shared month/year parsing with a clear message on bad input (never a 500)."""

    paginate_by = None
    header_icon = "calendar-check"
    print_template_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.printable = request.GET.get("print") == "1"
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.printable and not self.is_export:
            self.object_list = self.get_filtered_queryset()
            return render(request, self.print_template_name, self.get_print_context())
        return super().get(request, *args, **kwargs)


class MonthlyQuotaReportView(QuotaReportMixin, ReportView):
    page_title = _("Thống kê tin bài theo tháng")
    results_template_name = "sections/reports/monthly_quota_results.html"
    print_template_name = "sections/reports/monthly_quota_print.html"
    index_url_name = "sections_reports:quota_month"
    index_results_url_name = "sections_reports:quota_month_results"
    list_export = ["code", "name", "published", "quota", "met", "unpublished_count"]
    export_headings = {
        "code": _("Mã đơn vị"),
        "name": _("Đơn vị"),
        "published": _("Số tin bài"),
        "quota": _("Chỉ tiêu"),
        "met": _("Đạt"),
        "unpublished_count": _("Trong đó đã gỡ"),
    }

    @cached_property
    def month(self):
        raw = self.request.GET.get("month")
        if raw:
            try:
                return Month.parse(raw)
            except ValueError as error:
                messages.error(self.request, str(error))
        return Month.current()

    def get_filename(self):
        return f"thong-ke-tin-bai-{self.month}"

    def get_queryset(self):
        return monthly_quota(self.month, departments_visible_to(self.request.user))

    def totals(self, rows):
        return {
            "published": sum(r.published for r in rows),
            "quota": sum(r.quota for r in rows),
            "met": sum(1 for r in rows if r.met),
            "departments": len(rows),
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = list(self.object_list)
        context.update(self.common_context(rows))
        return context

    def common_context(self, rows):
        return {
            "month": self.month,
            "previous_month": self.month.previous(),
            "next_month": self.month.next(),
            "rows": rows,
            "totals": self.totals(rows),
            "chart": quota_chart(rows),
            "report_url": reverse(self.index_url_name),
            "year_url": reverse("sections_reports:quota_year"),
            "default_quota": default_quota(),
        }

    def get_print_context(self):
        context = self.common_context(list(self.object_list))
        context["printed_at"] = timezone.localtime()
        return context


class YearQuotaReportView(QuotaReportMixin, ReportView):
    page_title = _("Tổng hợp tin bài cả năm (thi đua khen thưởng)")
    results_template_name = "sections/reports/year_quota_results.html"
    print_template_name = "sections/reports/year_quota_print.html"
    index_url_name = "sections_reports:quota_year"
    index_results_url_name = "sections_reports:quota_year_results"
    list_export = ["code", "name", *[f"m{m:02d}" for m in range(1, 13)], "total", "quota", "months_met"]
    export_headings = {
        "code": _("Mã đơn vị"),
        "name": _("Đơn vị"),
        **{f"m{m:02d}": f"T{m}" for m in range(1, 13)},
        "total": _("Cả năm"),
        "quota": _("Chỉ tiêu/tháng"),
        "months_met": _("Số tháng đạt"),
    }

    @cached_property
    def year(self):
        raw = self.request.GET.get("year", "")
        if raw:
            if raw.isdigit() and 2000 <= int(raw) <= 2100:
                return int(raw)
            messages.error(self.request, _("Năm không hợp lệ: hãy nhập bốn chữ số, ví dụ 2026."))
        return Month.current().year

    def get_filename(self):
        return f"tong-hop-tin-bai-{self.year}"

    def get_queryset(self):
        return yearly_quota(self.year, departments_visible_to(self.request.user))

    def common_context(self, rows):
        return {
            "year": self.year,
            "rows": rows,
            "months": list(range(1, 13)),
            "month_totals": [sum(r.counts[i] for r in rows) for i in range(12)],
            "report_url": reverse(self.index_url_name),
            "month_url": reverse("sections_reports:quota_month"),
            "default_quota": default_quota(),
            "today": datetime.date.today(),
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(self.common_context(list(self.object_list)))
        return context

    def get_print_context(self):
        context = self.common_context(list(self.object_list))
        context["printed_at"] = timezone.localtime()
        return context


class ContentReviewReportView(ReportView):
    """Trang cần rà soát: pages due for review, per department, overdue first."""

    page_title = _("Trang cần rà soát")
    header_icon = "time"
    paginate_by = 100
    results_template_name = "sections/reports/review_results.html"
    index_url_name = "sections_reports:review"
    index_results_url_name = "sections_reports:review_results"
    list_export = ["department_code", "title", "page_type", "due", "overdue_days", "flag", "last_reviewed_at"]
    export_headings = {
        "department_code": _("Đơn vị"),
        "title": _("Trang"),
        "page_type": _("Loại trang"),
        "due": _("Hạn rà soát"),
        "overdue_days": _("Quá hạn (ngày)"),
        "flag": _("Cảnh báo"),
        "last_reviewed_at": _("Rà soát lần cuối"),
    }

    def get_filename(self):
        return f"trang-can-ra-soat-{timezone.localdate()}"

    @cached_property
    def horizon(self):
        raw = self.request.GET.get("trong", "")
        return int(raw) if raw.isdigit() and int(raw) <= 366 else 0

    def get_queryset(self):
        from .freshness import review_items

        return review_items(departments=list(departments_visible_to(self.request.user)), horizon_days=self.horizon)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["horizon"] = self.horizon
        context["report_url"] = reverse(self.index_url_name)
        return context


def mark_reviewed_view(request, page_id):
    """POST: the one-click "reviewed" action (optionally with the next review date)."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404, redirect
    from django.utils.http import url_has_allowed_host_and_scheme
    from django.views.decorators.http import require_POST
    from wagtail.models import Page

    from .freshness import mark_reviewed

    @require_POST
    def view(request):
        page = get_object_or_404(Page, pk=page_id).specific
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        review_by = None
        raw = request.POST.get("review_by", "").strip()
        if raw:
            try:
                review_by = datetime.date.fromisoformat(raw)
            except ValueError:
                messages.error(request, _("Ngày rà soát không hợp lệ; dùng dạng YYYY-MM-DD."))
                return redirect("sections_reports:review")
            if review_by <= timezone.localdate():
                messages.error(request, _("Ngày rà soát tiếp theo phải sau hôm nay."))
                return redirect("sections_reports:review")
        mark_reviewed(page, request.user, review_by)
        messages.success(request, _("Đã ghi nhận rà soát trang “%(title)s”.") % {"title": page.title})
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return redirect(target)
        return redirect("sections_reports:review")

    return view(request)
