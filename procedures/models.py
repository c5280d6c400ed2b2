"""Administrative procedures: the catalogue section and one page per procedure record."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.models import BasePage
from home.text import fold_for_search
from sections.models.catalogues import Catalogue
from sections.models.pages import SECTION_PARENTS, BodySectionBase

from .blocks import ApplicantBlock, ChannelBlock, DossierComponentBlock, LegalBasisBlock, StepBlock


class ProcedureAgency(Catalogue):
    """Cơ quan thực hiện / có thẩm quyền: a vocabulary shared by procedure records."""

    class Meta(Catalogue.Meta):
        verbose_name = _("cơ quan giải quyết thủ tục")
        verbose_name_plural = _("cơ quan giải quyết thủ tục")


class ProcedureLevel(models.TextChoices):
    CENTRAL = "trung_uong", _("Cấp trung ương")
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")


class OnlineLevel(models.TextChoices):
    FULL = "toan_trinh", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "mot_phan", _("Dịch vụ công trực tuyến một phần")
    NONE = "", _("Không có dịch vụ công trực tuyến")


class ProcedureStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    SUPERSEDED = "superseded", _("Đã bị thay thế")


class ProcedureIndexPage(BodySectionBase):
    """Thủ tục hành chính: the section listing the board's administrative procedures (owned by VP)."""

    portal_role = "procedures"
    parent_page_types = SECTION_PARENTS
    subpage_types = ["procedures.ProcedurePage", "sections.StandardPage"]
    max_count_per_parent = 1
    template = "procedures/procedure_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục thủ tục hành chính")
        verbose_name_plural = _("chuyên mục thủ tục hành chính")

    def get_context(self, request, *args, **kwargs):
        from sections.models.pages import paginate

        from .listing import ProcedureListing

        context = super().get_context(request, *args, **kwargs)
        listing = ProcedureListing(self, request.GET)
        context.update(
            listing=listing,
            procedures=paginate(request, listing.results(), per_page=20),
            facet_groups=listing.facet_groups(),
        )
        return context


class ProcedurePage(BasePage):
    """Một thủ tục hành chính with the fields of the national procedure database.

    The title is the procedure's name. Rights come from the owning index (VP's section).
    """

    show_in_sitemap = False  # reached through its listing page

    code = models.CharField(_("mã thủ tục"), max_length=64, db_index=True, help_text=_("Ví dụ: 1.009763.000.00.00.H34"))
    field = models.ForeignKey(
        "sections.Topic", verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("cấp thực hiện"), max_length=16, choices=ProcedureLevel.choices, blank=True)
    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    implementing_agency = models.ForeignKey(
        ProcedureAgency,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_agency = models.ForeignKey(
        ProcedureAgency,
        verbose_name=_("cơ quan có thẩm quyền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicants = StreamField([("applicant", ApplicantBlock())], verbose_name=_("đối tượng thực hiện"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("trình tự thực hiện"), blank=True)
    channels = StreamField([("channel", ChannelBlock())], verbose_name=_("cách thức thực hiện"), blank=True)
    dossier = StreamField([("component", DossierComponentBlock())], verbose_name=_("thành phần hồ sơ"), blank=True)
    processing_time = models.CharField(_("thời hạn giải quyết"), max_length=255, blank=True)
    fees = models.TextField(_("phí, lệ phí"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    legal_basis = StreamField([("document", LegalBasisBlock())], verbose_name=_("căn cứ pháp lý"), blank=True)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=16, choices=OnlineLevel.choices, blank=True
    )
    online_url = models.URLField(
        _("địa chỉ nộp hồ sơ trực tuyến"),
        blank=True,
        help_text=_("Để trống: trang của thủ tục trên Cổng Dịch vụ công quốc gia theo mã thủ tục."),
    )
    announcing_decision = models.CharField(_("quyết định công bố"), max_length=255, blank=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ProcedureStatus.choices, default=ProcedureStatus.IN_FORCE
    )
    # The folded title, stored so the typo fallback can compare titles (trigram index on PostgreSQL).
    folded_title = models.CharField(max_length=512, editable=False, blank=True, db_index=False)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("procedure_type")]),
                FieldRowPanel([FieldPanel("implementing_agency"), FieldPanel("competent_agency")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("effective_date")]),
                FieldPanel("announcing_decision"),
            ],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("applicants"),
        FieldPanel("steps"),
        FieldPanel("channels"),
        FieldPanel("dossier"),
        MultiFieldPanel(
            [FieldPanel("processing_time"), FieldPanel("fees"), FieldPanel("result"), FieldPanel("requirements")],
            heading=_("Thời hạn, phí và kết quả"),
        ),
        FieldPanel("legal_basis"),
        MultiFieldPanel([FieldPanel("online_level"), FieldPanel("online_url")], heading=_("Dịch vụ công trực tuyến")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("code", boost=3),
        index.AutocompleteField("code"),
        index.SearchField("procedure_type"),
        index.SearchField("applicants"),
        index.SearchField("steps"),
        index.SearchField("dossier"),
        index.SearchField("result"),
        index.SearchField("requirements"),
        index.SearchField("field_name"),
        index.SearchField("implementing_agency_name"),
        index.FilterField("field"),
        index.FilterField("implementing_agency"),
        index.FilterField("online_level"),
        index.FilterField("status"),
        index.FilterField("code"),
    ]
    api_fields = [
        APIField("code"),
        APIField("field_name"),
        APIField("level"),
        APIField("procedure_type"),
        APIField("implementing_agency_name"),
        APIField("competent_agency_name"),
        APIField("applicants"),
        APIField("steps"),
        APIField("channels"),
        APIField("dossier"),
        APIField("processing_time"),
        APIField("fees"),
        APIField("result"),
        APIField("requirements"),
        APIField("legal_basis"),
        APIField("online_level"),
        APIField("online_service_url"),
        APIField("announcing_decision"),
        APIField("effective_date"),
        APIField("status"),
    ]

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []
    template = "procedures/procedure_page.html"

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip()
        clash = ProcedurePage.objects.filter(code=self.code, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.code and clash.exists():
            raise ValidationError({"code": _("Mã thủ tục này đã có trong danh mục.")})

    def save(self, *args, **kwargs):
        self.folded_title = fold_for_search(self.title)[:512]
        return super().save(*args, **kwargs)

    def freshness_flag(self):
        """Put a superseded procedure in the content review report at once (see sections.freshness)."""
        return ProcedureStatus.SUPERSEDED.label if self.status == ProcedureStatus.SUPERSEDED else ""

    @property
    def field_name(self):
        return self.field.name if self.field_id else ""

    @property
    def implementing_agency_name(self):
        return self.implementing_agency.name if self.implementing_agency_id else ""

    @property
    def competent_agency_name(self):
        return self.competent_agency.name if self.competent_agency_id else ""

    @property
    def online_service_url(self):
        """Where to apply online: the page's own link, else the national portal's page for the code."""
        if not self.online_level:
            return ""
        return self.online_url or settings.PROCEDURES_NATIONAL_PORTAL_URL.format(code=self.code)

    def legal_basis_links(self):
        """(block value, live legal document page or None) for each entry of the legal basis."""
        from sections.models import LegalDocumentPage

        numbers = [block.value["number"] for block in self.legal_basis]
        pages = {
            doc.number: doc
            for doc in LegalDocumentPage.objects.live().filter(number__in=numbers, locale_id=self.locale_id)
        }
        return [(block.value, pages.get(block.value["number"])) for block in self.legal_basis]

    def structured_data(self):
        """schema.org GovernmentService, as a dict for json_script."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "identifier": self.code,
            "serviceType": self.field_name or self.procedure_type,
            "audience": [{"@type": "Audience", "audienceType": str(b.value)} for b in self.applicants],
        }
        if self.implementing_agency_id:
            data["provider"] = {"@type": "GovernmentOrganization", "name": self.implementing_agency_name}
        if self.full_url:
            data["url"] = self.full_url
        if self.online_service_url:
            data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": self.online_service_url}
        return data

    def structured_data_script(self):
        """The JSON-LD script element (a data block: not executed, so a strict CSP allows it)."""
        import json

        from django.utils.html import _json_script_escapes, format_html
        from django.utils.safestring import mark_safe

        payload = json.dumps(self.structured_data(), ensure_ascii=False).translate(_json_script_escapes)
        return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
