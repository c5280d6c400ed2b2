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


@hooks.register("register_admin_urls")
def two_factor_urls():
    from django.urls import path

    from . import two_factor

    return [
        path("2fa/", two_factor.setup, name="portal_2fa_setup"),
        path("2fa/verify/", two_factor.verify, name="portal_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    return {
        "url": reverse("portal_2fa_setup"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bảo vệ tài khoản bằng mã từ ứng dụng xác thực trên điện thoại."),
    }
