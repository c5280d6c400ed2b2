"""Registers the procedures app's admin screens."""

from wagtail.snippets.models import register_snippet

from .viewsets import ProcedureAgencyViewSet

register_snippet(ProcedureAgencyViewSet)
