"""Admin screens for departments, legal-document vocabularies and Q&A (Wagtail snippet viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Department, DocumentType, Issuer, Question, Topic


class DepartmentViewSet(SnippetViewSet):
    """Units are data: administrators add, rename, deactivate them; rights follow automatically."""

    model = Department
    icon = "group"
    menu_label = _("Đơn vị")
    menu_order = 100
    add_to_settings_menu = True
    list_display = ["code", "name_vi", "name_en", "monthly_quota", "is_editorial_board", "is_active"]
    list_filter = ["is_active", "is_editorial_board"]
    search_fields = ["code", "name_vi", "name_en"]
    ordering = ["sort_order", "code"]


class CatalogueViewSet(SnippetViewSet):
    """Shared list layout for the legal-document vocabularies."""

    list_display = ["name_vi", "name_en", "slug"]
    search_fields = ["name_vi", "name_en"]


class DocumentTypeViewSet(CatalogueViewSet):
    model = DocumentType
    icon = "doc-full"
    menu_label = _("Loại văn bản")


class IssuerViewSet(CatalogueViewSet):
    model = Issuer
    icon = "site"
    menu_label = _("Cơ quan ban hành")


class TopicViewSet(CatalogueViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Lĩnh vực")


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (DocumentTypeViewSet, IssuerViewSet, TopicViewSet)
    menu_icon = "list-ul"
    menu_label = _("Danh mục văn bản")
    menu_name = "catalogues"
    menu_order = 210


class QuestionViewSet(SnippetViewSet):
    """Hỏi đáp: questions arrive from the public form; staff answer them here."""

    model = Question
    icon = "help"
    menu_label = _("Hỏi đáp")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "asker_name", "submitted_at", "status", "answered_at"]
    list_filter = ["status"]
    search_fields = ["title", "question", "asker_name", "email"]
    ordering = ["-submitted_at"]
