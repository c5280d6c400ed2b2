"""Departments, the section pages they own, articles, legal documents, Q&A and the contact form."""

from .catalogues import DocumentType, Issuer, Topic
from .contact import ContactFormField, ContactPage
from .departments import Department
from .editorial import EditorialSettings
from .freshness import ContentReview
from .legal import LegalDocumentIndexPage, LegalDocumentPage, LegalDocumentStatus
from .pages import (
    ArticleAttachment,
    ArticlePage,
    ArticlePageTag,
    BodySectionBase,
    NewsIndexPage,
    SectionBase,
    SectionPage,
    SitemapPage,
    StandardPage,
    owning_section,
)
from .questions import Question, QuestionIndexPage
from .reminders import ReminderLog

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ArticlePageTag",
    "BodySectionBase",
    "ContactFormField",
    "ContactPage",
    "ContentReview",
    "Department",
    "DocumentType",
    "EditorialSettings",
    "Issuer",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentStatus",
    "NewsIndexPage",
    "Question",
    "QuestionIndexPage",
    "ReminderLog",
    "SectionBase",
    "SectionPage",
    "SitemapPage",
    "StandardPage",
    "Topic",
    "owning_section",
]
