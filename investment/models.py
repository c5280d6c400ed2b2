"""Investment promotion: zones (KKT cửa khẩu / KCN / CCN), projects calling for investment, incentives,
the investment guide, the vocabularies they use and investors' inquiries."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.models import BasePage
from home.navigation import public
from sections.models.catalogues import Catalogue
from sections.models.pages import SECTION_PARENTS, BodySectionBase, SectionBase

from .blocks import ContactsBlock, GalleryBlock, GuideStepsBlock, InvestorsBlock

AREA = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
INDEX = "investment.InvestmentIndexPage"


class Sector(Catalogue):
    """Ngành nghề: priority or restricted sectors of zones, sectors of projects and investors."""

    class Meta(Catalogue.Meta):
        verbose_name = _("ngành nghề")
        verbose_name_plural = _("ngành nghề")


class InvestmentForm(Catalogue):
    """Hình thức đầu tư: 100% FDI, joint venture, PPP…"""

    class Meta(Catalogue.Meta):
        verbose_name = _("hình thức đầu tư")
        verbose_name_plural = _("hình thức đầu tư")


class Country(Catalogue):
    """Quốc gia / vùng lãnh thổ of investors and of people who send inquiries."""

    class Meta(Catalogue.Meta):
        verbose_name = _("quốc gia")
        verbose_name_plural = _("quốc gia")


class ZoneKind(models.TextChoices):
    BORDER_GATE = "kkt", _("Khu kinh tế cửa khẩu")
    INDUSTRIAL_ZONE = "kcn", _("Khu công nghiệp")
    INDUSTRIAL_CLUSTER = "ccn", _("Cụm công nghiệp")


class InfrastructureStatus(models.TextChoices):
    READY = "ready", _("Đã hoàn thiện")
    PARTIAL = "partial", _("Đang hoàn thiện")
    PLANNED = "planned", _("Đang quy hoạch")


class Currency(models.TextChoices):
    VND = "VND", "VND"
    USD = "USD", "USD"


class InvestmentContactsMixin(models.Model):
    """The contacts block shared by zone and project pages."""

    contacts = StreamField(ContactsBlock(), verbose_name=_("liên hệ"), blank=True)

    class Meta:
        abstract = True


class InvestmentIndexPage(RoutablePageMixin, BodySectionBase):
    """Xúc tiến đầu tư: zones (filterable), projects calling for investment, incentives, the guide, the
    zone comparison and the investor inquiry form (owned by QLDT)."""

    portal_role = "investment"
    parent_page_types = SECTION_PARENTS
    subpage_types = [
        "investment.ZonePage",
        "investment.InvestmentProjectPage",
        "investment.IncentivePage",
        "investment.InvestmentGuidePage",
        "sections.StandardPage",
    ]
    max_count_per_parent = 1
    template = "investment/investment_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục xúc tiến đầu tư")
        verbose_name_plural = _("chuyên mục xúc tiến đầu tư")

    def zones(self):
        return public(ZonePage.objects.live()).child_of(self).select_related("locale").order_by("kind", "path")

    def projects(self):
        return (
            public(InvestmentProjectPage.objects.live())
            .child_of(self)
            .select_related("locale", "sector", "zone", "investment_form")
            .order_by("path")
        )

    @path("")
    def index(self, request):
        from .views import zone_list

        return zone_list(self, request)

    @path("du-an/", name="projects")
    def project_list(self, request):
        from .views import project_list

        return project_list(self, request)

    @path("so-sanh/", name="compare")
    def compare(self, request):
        from .views import compare_zones

        return compare_zones(self, request)

    @path("lien-he-dau-tu/", name="inquiry")
    def inquiry(self, request):
        from .views import inquiry

        return inquiry(self, request)


class ZonePage(SectionBase, InvestmentContactsMixin):  # noqa: DJ008 (Page gives __str__)
    """A zone (KKT cửa khẩu, KCN or CCN). A section of its own: owned by a department (the Hòa Bình
    zone by its developer DTPTHT), which therefore gets add and edit rights on it."""

    kind = models.CharField(_("loại khu"), max_length=3, choices=ZoneKind.choices)
    location = models.CharField(_("vị trí"), max_length=255)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=8, decimal_places=5, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=8, decimal_places=5, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bản đồ vị trí"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh bản đồ lưu trên máy chủ (không dùng bản đồ trực tuyến)."),
    )
    total_area = models.DecimalField(_("tổng diện tích (ha)"), **AREA)
    industrial_area = models.DecimalField(_("diện tích đất công nghiệp (ha)"), **AREA)
    leased_area = models.DecimalField(_("diện tích đã cho thuê (ha)"), default=0, **AREA)
    price_min = models.DecimalField(_("giá thuê từ"), max_digits=14, decimal_places=2, null=True, blank=True)
    price_max = models.DecimalField(_("giá thuê đến"), max_digits=14, decimal_places=2, null=True, blank=True)
    price_currency = models.CharField(_("đơn vị tiền"), max_length=3, choices=Currency.choices, default=Currency.USD)
    lease_term_until = models.PositiveSmallIntegerField(_("thời hạn thuê đến năm"), null=True, blank=True)
    power = models.CharField(_("cấp điện"), max_length=10, choices=InfrastructureStatus.choices, blank=True)
    water = models.CharField(_("cấp nước"), max_length=10, choices=InfrastructureStatus.choices, blank=True)
    wastewater = models.CharField(_("xử lý nước thải"), max_length=10, choices=InfrastructureStatus.choices, blank=True)
    roads = models.CharField(_("giao thông nội khu"), max_length=10, choices=InfrastructureStatus.choices, blank=True)
    telecoms = models.CharField(_("viễn thông"), max_length=10, choices=InfrastructureStatus.choices, blank=True)
    priority_sectors = ParentalManyToManyField(
        Sector, verbose_name=_("ngành nghề ưu tiên"), blank=True, related_name="priority_in_zones"
    )
    restricted_sectors = ParentalManyToManyField(
        Sector, verbose_name=_("ngành nghề hạn chế"), blank=True, related_name="restricted_in_zones"
    )
    km_to_border_gate = models.DecimalField(_("đến cửa khẩu (km)"), null=True, blank=True, **AREA)
    km_to_port = models.DecimalField(_("đến cảng biển (km)"), null=True, blank=True, **AREA)
    km_to_airport = models.DecimalField(_("đến sân bay (km)"), null=True, blank=True, **AREA)
    km_to_city = models.DecimalField(_("đến trung tâm tỉnh (km)"), null=True, blank=True, **AREA)
    incentives = RichTextField(_("ưu đãi riêng của khu"), blank=True, features=["bold", "italic", "ul", "link"])
    investors = StreamField(InvestorsBlock(), verbose_name=_("nhà đầu tư đã có mặt"), blank=True)
    gallery = StreamField(GalleryBlock(), verbose_name=_("thư viện ảnh và tài liệu"), blank=True)

    parent_page_types = [INDEX]
    subpage_types = []
    show_in_menus_default = False
    template = "investment/zone_page.html"

    content_panels = SectionBase.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("map_image"),
            ],
            heading=_("Vị trí"),
        ),
        MultiFieldPanel(
            [FieldPanel("total_area"), FieldPanel("industrial_area"), FieldPanel("leased_area")],
            heading=_("Diện tích"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_min"), FieldPanel("price_max"), FieldPanel("price_currency")]),
                FieldPanel("lease_term_until"),
            ],
            heading=_("Giá thuê đất"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in ("power", "water", "wastewater", "roads", "telecoms")],
            heading=_("Hạ tầng"),
        ),
        FieldPanel("priority_sectors"),
        FieldPanel("restricted_sectors"),
        MultiFieldPanel(
            [FieldPanel(n) for n in ("km_to_border_gate", "km_to_port", "km_to_airport", "km_to_city")],
            heading=_("Khoảng cách"),
        ),
        FieldPanel("incentives"),
        FieldPanel("investors"),
        FieldPanel("contacts"),
        FieldPanel("gallery"),
    ]
    search_fields = SectionBase.search_fields + [
        index.SearchField("location"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("khu kinh tế, khu / cụm công nghiệp")
        verbose_name_plural = _("khu kinh tế, khu / cụm công nghiệp")

    def clean(self):
        super().clean()
        errors = {}
        if None not in (self.total_area, self.industrial_area) and self.industrial_area > self.total_area:
            errors["industrial_area"] = _("Diện tích đất công nghiệp không được lớn hơn tổng diện tích.")
        if None not in (self.industrial_area, self.leased_area) and self.leased_area > self.industrial_area:
            errors["leased_area"] = _("Diện tích đã cho thuê không được lớn hơn diện tích đất công nghiệp.")
        if None not in (self.price_min, self.price_max) and self.price_min > self.price_max:
            errors["price_max"] = _("Giá thuê tối đa phải lớn hơn hoặc bằng giá tối thiểu.")
        if errors:
            raise ValidationError(errors)

    @property
    def occupancy_rate(self):
        """Percentage of the industrial land already leased (None when there is no industrial land)."""
        if not self.industrial_area:
            return None
        return (Decimal(self.leased_area) * 100 / Decimal(self.industrial_area)).quantize(Decimal("0.1"))

    @property
    def available_area(self):
        """Industrial land still free to lease, in ha."""
        return max(Decimal(self.industrial_area) - Decimal(self.leased_area), Decimal("0"))

    @property
    def infrastructure(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, f"get_{name}_display")())
            for name in ("power", "water", "wastewater", "roads", "telecoms")
            if getattr(self, name)
        ]

    @property
    def distances(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("km_to_border_gate", "km_to_port", "km_to_airport", "km_to_city")
            if getattr(self, name) is not None
        ]

    def applicable_incentives(self):
        parent = self.get_parent()
        return (
            public(IncentivePage.objects.live())
            .child_of(parent)
            .filter(models.Q(zone_kind="") | models.Q(zone_kind=self.kind))
        )


class InvestmentProjectPage(BasePage, InvestmentContactsMixin):  # noqa: DJ008 (Page gives __str__)
    """Dự án kêu gọi đầu tư: a project the province offers to investors."""

    show_in_sitemap = False  # reached through its listing page

    class LandStatus(models.TextChoices):
        CLEARED = "cleared", _("Đã giải phóng mặt bằng")
        CLEARING = "clearing", _("Đang giải phóng mặt bằng")
        NOT_CLEARED = "not_cleared", _("Chưa giải phóng mặt bằng")

    class Status(models.TextChoices):
        CALLING = "calling", _("Đang kêu gọi đầu tư")
        NEGOTIATING = "negotiating", _("Đang đàm phán")
        AWARDED = "awarded", _("Đã có nhà đầu tư")

    summary = models.TextField(_("tóm tắt"), max_length=600)
    sector = models.ForeignKey(Sector, verbose_name=_("ngành nghề"), on_delete=models.PROTECT, related_name="+")
    zone = models.ForeignKey(
        ZonePage, verbose_name=_("địa điểm (khu)"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.DecimalField(_("diện tích (ha)"), **AREA)
    capital_vnd = models.DecimalField(
        _("tổng vốn (tỷ đồng)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    capital_usd = models.DecimalField(
        _("tổng vốn (triệu USD)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    investment_form = models.ForeignKey(
        InvestmentForm, verbose_name=_("hình thức đầu tư"), on_delete=models.PROTECT, related_name="+"
    )
    land_status = models.CharField(_("hiện trạng đất"), max_length=12, choices=LandStatus.choices)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.CALLING)
    incentives = RichTextField(_("ưu đãi"), blank=True, features=["bold", "italic", "ul", "link"])
    body = RichTextField(_("mô tả dự án"), blank=True, features=["h3", "bold", "italic", "ul", "ol", "link"])

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("sector"), FieldPanel("zone"), FieldPanel("area"), FieldPanel("investment_form")],
            heading=_("Thông tin dự án"),
        ),
        FieldRowPanel([FieldPanel("capital_vnd"), FieldPanel("capital_usd")]),
        FieldRowPanel([FieldPanel("land_status"), FieldPanel("status")]),
        FieldPanel("body"),
        FieldPanel("incentives"),
        FieldPanel("contacts"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]
    parent_page_types = [INDEX]
    subpage_types = []
    show_in_menus_default = False
    template = "investment/investment_project_page.html"

    class Meta:
        verbose_name = _("dự án kêu gọi đầu tư")
        verbose_name_plural = _("dự án kêu gọi đầu tư")


class IncentivePage(BasePage):
    """Chính sách ưu đãi: one kind of incentive (tax, land rent, import duty), by zone kind."""

    class Kind(models.TextChoices):
        TAX = "tax", _("Thuế thu nhập doanh nghiệp")
        LAND_RENT = "land_rent", _("Tiền thuê đất")
        IMPORT_DUTY = "import_duty", _("Thuế nhập khẩu")
        OTHER = "other", _("Ưu đãi khác")

    kind = models.CharField(_("loại ưu đãi"), max_length=12, choices=Kind.choices)
    zone_kind = models.CharField(
        _("áp dụng cho"), max_length=3, choices=ZoneKind.choices, blank=True, help_text=_("Để trống: mọi loại khu.")
    )
    summary = models.TextField(_("tóm tắt"), max_length=600)
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    body = RichTextField(_("nội dung ưu đãi"), features=["h3", "bold", "italic", "ul", "ol", "link"])

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("zone_kind")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("legal_basis"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = [INDEX]
    subpage_types = []
    show_in_menus_default = False
    template = "investment/incentive_page.html"

    class Meta:
        verbose_name = _("chính sách ưu đãi đầu tư")
        verbose_name_plural = _("chính sách ưu đãi đầu tư")


class InvestmentGuidePage(BasePage):
    """Hướng dẫn đầu tư: the steps an investor follows, each linking the procedure page (any page type)."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    steps = StreamField(GuideStepsBlock(), verbose_name=_("các bước"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("steps")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("steps")]
    parent_page_types = [INDEX]
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = False
    template = "investment/investment_guide_page.html"

    class Meta:
        verbose_name = _("hướng dẫn đầu tư")
        verbose_name_plural = _("hướng dẫn đầu tư")


class InvestorInquiry(models.Model):
    """An inquiry from a (prospective) investor, stored before anything is mailed."""

    class Interest(models.TextChoices):
        LAND = "land", _("Thuê đất, nhà xưởng")
        PROJECT = "project", _("Dự án kêu gọi đầu tư")
        INCENTIVES = "incentives", _("Chính sách ưu đãi")
        PROCEDURES = "procedures", _("Thủ tục đầu tư")
        OTHER = "other", _("Khác")

    name = models.CharField(_("họ và tên"), max_length=150)
    organisation = models.CharField(_("tổ chức / doanh nghiệp"), max_length=255, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("quốc gia"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("thư điện tử"), max_length=254)
    interest = models.CharField(_("quan tâm đến"), max_length=12, choices=Interest.choices)
    message = models.TextField(_("nội dung"), max_length=5000)
    consent = models.BooleanField(_("đồng ý xử lý dữ liệu"), default=False)
    language = models.CharField(_("ngôn ngữ"), max_length=10, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)
    mailed = models.BooleanField(_("đã gửi thư"), default=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("yêu cầu của nhà đầu tư")
        verbose_name_plural = _("yêu cầu của nhà đầu tư")

    def __str__(self):
        return f"{self.name} <{self.email}>"
