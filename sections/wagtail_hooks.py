"""Registers the sections app's admin screens."""

from wagtail.snippets.models import register_snippet

from .viewsets import CatalogueViewSetGroup, DepartmentViewSet, QuestionViewSet

register_snippet(DepartmentViewSet)
register_snippet(CatalogueViewSetGroup)
register_snippet(QuestionViewSet)
