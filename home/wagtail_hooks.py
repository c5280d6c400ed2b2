"""Home app admin additions: the visit counter on the dashboard."""

from wagtail import hooks
from wagtail.admin.ui.components import Component


class VisitsPanel(Component):
    name = "visits"
    order = 60
    template_name = "home/visits_panel.html"

    def get_context_data(self, parent_context):
        from home.models import PageViews

        from .visits import visit_totals

        return {
            "totals": visit_totals(),
            "top_pages": PageViews.objects.filter(page__live=True).select_related("page").order_by("-views")[:5],
        }


@hooks.register("construct_homepage_panels")
def add_visits_panel(request, panels):
    panels.append(VisitsPanel())
