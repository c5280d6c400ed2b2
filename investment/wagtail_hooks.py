"""Registers the investment app's admin screens."""

from wagtail.snippets.models import register_snippet

from .viewsets import InvestmentVocabularyGroup, InvestorInquiryViewSet

register_snippet(InvestmentVocabularyGroup)
register_snippet(InvestorInquiryViewSet)
