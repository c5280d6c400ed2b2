"""Registers the report of queries that found nothing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import UnansweredQueriesReportView, can_view_unanswered


class UnansweredQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_unanswered(request.user)


@hooks.register("register_reports_menu_item")
def register_unanswered_menu_item():
    return UnansweredQueriesMenuItem(
        _("Tìm kiếm không có kết quả"), reverse("search_unanswered_report"), icon_name="search", order=710
    )


@hooks.register("register_admin_urls")
def register_unanswered_urls():
    return [
        path("reports/unanswered-searches/", UnansweredQueriesReportView.as_view(), name="search_unanswered_report"),
        path(
            "reports/unanswered-searches/results/",
            UnansweredQueriesReportView.as_view(results_only=True),
            name="search_unanswered_report_results",
        ),
    ]
