"""Admin screen for the procedure agencies vocabulary."""

from django.utils.translation import gettext_lazy as _

from sections.viewsets import CatalogueViewSet

from .models import ProcedureAgency


class ProcedureAgencyViewSet(CatalogueViewSet):
    model = ProcedureAgency
    icon = "site"
    menu_label = _("Cơ quan giải quyết TTHC")
    add_to_settings_menu = True
