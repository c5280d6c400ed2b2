"""Legal documents (văn bản) and their searchable, filterable listing."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.models import BasePage
from home.navigation import catalogue, catalogue_entry
from home.text import clean_query

from .catalogues import DocumentType, Issuer, Topic
from .pages import SECTION_PARENTS, SectionBase, paginate


class LegalDocumentStatus(models.TextChoices):
    """Derived from the dates, never stored: one source of truth."""

    IN_FORCE = "in_force", _("Còn hiệu lực")
    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")


class LegalDocumentQuerySet(PageQuerySet):
    def with_status(self, status, today=None):
        today = today or timezone.localdate()
        if status == LegalDocumentStatus.NOT_YET:
            return self.filter(effective_date__gt=today)
        if status == LegalDocumentStatus.EXPIRED:
            return self.filter(expiry_date__lte=today)
        if status == LegalDocumentStatus.IN_FORCE:
            return self.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=today)).filter(
                Q(expiry_date__isnull=True) | Q(expiry_date__gt=today)
            )
        return self


class LegalDocumentIndexPage(SectionBase):
    """Văn bản: the legal document library, filterable by type, issuer, year, field and status."""

    portal_role = "documents"
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.LegalDocumentPage"]
    max_count_per_parent = 1
    template = "sections/legal_document_index_page.html"

    class Meta:
        verbose_name = _("thư viện văn bản")
        verbose_name_plural = _("thư viện văn bản")

    def filtered_documents(self, params):
        """Apply the listing filters; unknown or malformed values are ignored, never an error."""
        documents = (
            LegalDocumentPage.objects.live()
            .child_of(self)
            .select_related("document_type", "issuer", "topic", "attachment")
            .order_by("-issue_date", "-pk")
        )
        selected = {}
        for key, model in (("loai", DocumentType), ("co-quan", Issuer), ("linh-vuc", Topic)):
            value = clean_query(params.get(key, ""), 64)
            obj = catalogue_entry(model, value)
            if obj:
                field = {"loai": "document_type", "co-quan": "issuer", "linh-vuc": "topic"}[key]
                documents = documents.filter(**{field: obj})
                selected[key] = value
        year = clean_query(params.get("nam", ""), 10)
        if year.isdigit() and 1945 <= int(year) <= 2100:
            documents = documents.filter(issue_date__year=int(year))
            selected["nam"] = year
        status = params.get("hieu-luc", "")
        if status in LegalDocumentStatus.values:
            documents = documents.with_status(status)
            selected["hieu-luc"] = status
        query = clean_query(params.get("q", ""))
        if query:
            documents = documents.filter(
                Q(title__icontains=query) | Q(number__icontains=query) | Q(summary__icontains=query)
            )
            selected["q"] = query
        return documents, selected

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents, selected = self.filtered_documents(request.GET)
        years = LegalDocumentPage.objects.live().child_of(self).dates("issue_date", "year", order="DESC")
        context.update(
            documents=paginate(request, documents, per_page=20),
            selected=selected,
            document_types=catalogue(DocumentType),
            issuers=catalogue(Issuer),
            topics=catalogue(Topic),
            years=[d.year for d in years],
            statuses=LegalDocumentStatus.choices,
        )
        return context


class LegalDocumentPage(BasePage):
    """Một văn bản: number/symbol, type, issuer, signer, dates, status, field, summary and file."""

    show_in_sitemap = False  # reached through its listing page

    number = models.CharField(_("số ký hiệu"), max_length=100, help_text=_("Ví dụ: 2150/UBND-KGVX"))
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(
        _("ngày hết hiệu lực"), null=True, blank=True, help_text=_("Để trống nếu văn bản còn hiệu lực.")
    )
    summary = models.TextField(_("trích yếu / tóm tắt"), blank=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(LegalDocumentQuerySet)()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldPanel("topic"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")])],
            heading=_("Ngày tháng và hiệu lực"),
        ),
        FieldPanel("summary"),
        FieldPanel("attachment"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("number", boost=3),
        index.AutocompleteField("number"),
        index.SearchField("summary"),
        index.SearchField("signer"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["sections.LegalDocumentIndexPage"]
    subpage_types = []
    template = "sections/legal_document_page.html"

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        start = self.effective_date or self.issue_date
        if self.expiry_date and start and self.expiry_date <= start:
            errors["expiry_date"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, day: datetime.date):
        if self.effective_date and self.effective_date > day:
            return LegalDocumentStatus.NOT_YET
        if self.expiry_date and self.expiry_date <= day:
            return LegalDocumentStatus.EXPIRED
        return LegalDocumentStatus.IN_FORCE

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def freshness_flag(self):
        """Shown in the content review report: an expired document needs a look (replace or label)."""
        return LegalDocumentStatus.EXPIRED.label if self.status == LegalDocumentStatus.EXPIRED else ""
