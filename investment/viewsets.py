"""Admin screens: the investment vocabularies and the investors' inquiries (listed and exported)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sections.viewsets import CatalogueViewSet as VocabularyViewSet

from .models import Country, InvestmentForm, InvestorInquiry, Sector


class SectorViewSet(VocabularyViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Ngành nghề")


class InvestmentFormViewSet(VocabularyViewSet):
    model = InvestmentForm
    icon = "list-ul"
    menu_label = _("Hình thức đầu tư")


class CountryViewSet(VocabularyViewSet):
    model = Country
    icon = "site"
    menu_label = _("Quốc gia")


class InvestmentVocabularyGroup(SnippetViewSetGroup):
    items = (SectorViewSet, InvestmentFormViewSet, CountryViewSet)
    menu_icon = "list-ul"
    menu_label = _("Danh mục đầu tư")
    menu_name = "investment-vocabularies"
    menu_order = 220


class InvestorInquiryViewSet(SnippetViewSet):
    """Read-only list with CSV/XLSX export; visible to the owners of the investment section and the
    editorial board (view permission granted by ``sections.permissions``)."""

    model = InvestorInquiry
    icon = "mail"
    menu_label = _("Yêu cầu nhà đầu tư")
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["name", "organisation", "country", "email", "interest", "submitted_at", "mailed"]
    list_export = ["submitted_at", "name", "organisation", "country", "email", "interest", "message", "language"]
    export_filename = "yeu-cau-nha-dau-tu"
    list_filter = ["interest", "country"]
    search_fields = ["name", "organisation", "email", "message"]
    ordering = ["-submitted_at"]
