"""Registers the sections app's admin screens, reports and dashboard panel."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .panels import QuotaPanel
from .reports import ContentReviewReportView, MonthlyQuotaReportView, YearQuotaReportView, mark_reviewed_view
from .viewsets import CatalogueViewSetGroup, DepartmentViewSet, QuestionViewSet

register_snippet(DepartmentViewSet)
register_snippet(CatalogueViewSetGroup)
register_snippet(QuestionViewSet)

report_urls = [
    path("quota/", MonthlyQuotaReportView.as_view(), name="quota_month"),
    path("quota/results/", MonthlyQuotaReportView.as_view(results_only=True), name="quota_month_results"),
    path("quota/year/", YearQuotaReportView.as_view(), name="quota_year"),
    path("quota/year/results/", YearQuotaReportView.as_view(results_only=True), name="quota_year_results"),
    path("review/", ContentReviewReportView.as_view(), name="review"),
    path("review/results/", ContentReviewReportView.as_view(results_only=True), name="review_results"),
    path("review/<int:page_id>/reviewed/", mark_reviewed_view, name="mark_reviewed"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/editorial/", include((report_urls, "sections_reports"), namespace="sections_reports"))]


@hooks.register("register_reports_menu_item")
def register_monthly_quota_menu_item():
    # Every admin user sees it: department editors get their own unit's row only.
    return MenuItem(
        _("Thống kê tin bài theo tháng"), reverse("sections_reports:quota_month"), icon_name="calendar-check", order=50
    )


@hooks.register("register_reports_menu_item")
def register_year_quota_menu_item():
    return MenuItem(
        _("Tổng hợp tin bài cả năm"), reverse("sections_reports:quota_year"), icon_name="calendar", order=51
    )


@hooks.register("construct_homepage_panels")
def add_quota_panel(request, panels):
    panels.insert(0, QuotaPanel(request.user))


@hooks.register("insert_global_admin_css")
def statistics_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("sections/admin.css"))


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return MenuItem(_("Trang cần rà soát"), reverse("sections_reports:review"), icon_name="time", order=52)


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action("portal.reviewed", _("Đã rà soát nội dung"), _("Đã rà soát nội dung"))
