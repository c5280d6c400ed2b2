"""The admin dashboard panel: each editor's monthly quota progress; units behind for the board."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models.departments import Department
from .statistics import Month, days_left, monthly_quota, quota_departments


class QuotaPanel(Component):
    name = "quota"
    order = 50
    template_name = "sections/reports/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        month = Month.current()
        own = list(Department.objects.for_user(self.user).active())
        is_board = self.user.is_superuser or any(d.is_editorial_board for d in own)
        departments = quota_departments() if is_board else own
        rows = monthly_quota(month, departments)
        own_ids = {d.pk for d in own if not d.is_editorial_board}
        return {
            "month": month,
            "days_left": days_left(month),
            "own_rows": [r for r in rows if r.department.pk in own_ids],
            "is_board": is_board,
            "behind": [r for r in rows if not r.met and not r.department.is_editorial_board],
            "report_url": reverse("sections_reports:quota_month"),
        }
