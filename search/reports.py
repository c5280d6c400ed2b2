"""Admin report: queries that found nothing, for the editorial board (content to add or to retitle)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import UnansweredQuery


def can_view_unanswered(user):
    """Superusers and members of the editorial board's group."""
    from sections.models import Department

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Department.objects.filter(is_editorial_board=True, group__in=user.groups.all()).exists()


class UnansweredQueriesReportView(ReportView):
    page_title = _("Từ khóa tìm kiếm không có kết quả")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    index_url_name = "search_unanswered_report"
    index_results_url_name = "search_unanswered_report_results"
    model = UnansweredQuery
    columns = [
        Column("query_string", label=_("Từ khóa"), sort_key="query_string"),
        Column("language_code", label=_("Ngôn ngữ"), sort_key="language_code"),
        NumberColumn("hits", label=_("Số lần tìm"), sort_key="hits"),
        DateColumn("last_seen", label=_("Lần gần nhất"), sort_key="last_seen"),
    ]
    list_export = ["query_string", "language_code", "hits", "first_seen", "last_seen"]
    export_headings = {
        "query_string": _("Từ khóa"),
        "language_code": _("Ngôn ngữ"),
        "hits": _("Số lần tìm"),
        "first_seen": _("Lần đầu"),
        "last_seen": _("Lần gần nhất"),
    }

    def get_base_queryset(self):
        return UnansweredQuery.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not can_view_unanswered(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
