"""The page base class every portal page builds on, the home page, and the agency identity."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod


def pick_language(vi_value, en_value):
    """The English value for visitors reading a non-Vietnamese language when one exists."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language != "vi" and en_value:
        return en_value
    return vi_value


def with_renditions(queryset, field="image"):
    """``queryset`` with its pages' ``field`` image and that image's renditions fetched in bulk, so
    ``{% image %}`` in a list costs no query per item (two queries in all)."""
    return queryset.select_related(field).prefetch_related(f"{field}__renditions")


def _flatten(value):
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_flatten(v) for v in value.values())
    return str(value)


class BasePage(Page):
    """Abstract base for every portal page type.

    It builds the editor tabs once: subclasses only extend ``content_panels`` (and, where they need
    it, ``extra_panels`` for a "Quản lý" tab), so every page type gets the same tab layout.
    """

    extra_panels = []
    extra_panels_heading = _("Quản lý")
    # Items of a listing (articles, documents, procedures, projects) are reached through their
    # listing page; the HTML sitemap shows the site's structure and stays small as they multiply.
    show_in_sitemap = True
    # A folded (no diacritics, "đ" -> "d", lower-case) copy of every searchable field, so that
    # "dang ky dau tu" finds "Đăng ký đầu tư" on every backend; the query is folded the same way
    # (see home.search). Subclasses extend search_fields as usual and are folded automatically.
    search_fields = Page.search_fields + [
        index.SearchField("search_folded"),
        index.AutocompleteField("autocomplete_folded"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def build_edit_handler(cls):
        tabs = [ObjectList(cls.content_panels, heading=_("Nội dung"))]
        if cls.extra_panels:
            tabs.append(ObjectList(cls.extra_panels, heading=cls.extra_panels_heading))
        tabs.append(ObjectList(cls.promote_panels, heading=_("Quảng bá")))
        tabs.append(ObjectList(cls.settings_panels, heading=_("Cài đặt")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class)

    @cached_classmethod
    def get_edit_handler(cls):
        # Overrides the handler Wagtail's admin installs on Page, so every subclass gets our tabs.
        return cls.build_edit_handler().bind_to_model(cls)

    def search_folded(self):
        """Every other search field's text, folded for accent-insensitive matching."""
        from home.text import fold_for_search

        texts = []
        for field in self.get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name != "search_folded":
                value = field.get_value(self)
                if value:
                    texts.append(value if isinstance(value, str) else _flatten(value))
        return fold_for_search(" ".join(texts))

    def autocomplete_folded(self):
        from home.text import fold_for_search

        return fold_for_search(self.title)

    def public_children(self):
        """Live children outside private subtrees (the restrictions are cached: one query)."""
        from home.navigation import public

        return public(self.get_children().live())

    def get_menu_children(self):
        return self.get_children().live().in_menu().specific()


class HomePage(BasePage):
    """The home page of one locale; there is one per configured language."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])
    latest_news_count = models.PositiveSmallIntegerField(_("số tin mới hiển thị"), default=6)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("latest_news_count"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # The sections. Named by string so that home does not import the apps built on it.
    subpage_types = [
        "sections.SectionPage",
        "sections.NewsIndexPage",
        "sections.LegalDocumentIndexPage",
        "sections.QuestionIndexPage",
        "sections.ContactPage",
        "sections.SitemapPage",
        "procedures.ProcedureIndexPage",
        "investment.InvestmentIndexPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per configured language: translations are created by wagtail-localize.
        return super().can_create_at(parent) and cls.objects.count() < len(settings.WAGTAIL_CONTENT_LANGUAGES)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = self.latest_news()
        return context

    def latest_news(self):
        """The newest live articles of this locale, whatever section they sit in."""
        from django.apps import apps

        article_model = apps.get_model(settings.PORTAL_NEWS_MODEL)
        news = article_model.objects.live().filter(locale_id=self.locale_id).order_by("-date", "-first_published_at")
        return with_renditions(news.select_related("department"))[: self.latest_news_count]


@register_setting(icon="site")
class AgencySettings(BaseGenericSetting):
    """Who the site belongs to. Provinces merge and boards are renamed, so this is data."""

    name_vi = models.CharField(_("tên cơ quan (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên cơ quan (tiếng Anh)"), max_length=255, blank=True)
    parent_vi = models.CharField(_("cơ quan chủ quản (tiếng Việt)"), max_length=255, blank=True)
    parent_en = models.CharField(_("cơ quan chủ quản (tiếng Anh)"), max_length=255, blank=True)
    address_vi = models.CharField(_("địa chỉ (tiếng Việt)"), max_length=255, blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    hours_vi = models.CharField(_("giờ làm việc (tiếng Việt)"), max_length=255, blank=True)
    hours_en = models.CharField(_("giờ làm việc (tiếng Anh)"), max_length=255, blank=True)
    licence_vi = models.CharField(_("giấy phép / người chịu trách nhiệm (tiếng Việt)"), max_length=255, blank=True)
    licence_en = models.CharField(_("giấy phép / người chịu trách nhiệm (tiếng Anh)"), max_length=255, blank=True)
    visits_before_launch = models.PositiveBigIntegerField(
        _("số lượt truy cập trước khi dùng cổng này"),
        default=0,
        help_text=_("Cộng vào tổng lượt truy cập, ví dụ 426000 lượt chuyển từ trang cũ."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("logo")], heading=_("Tên")),
        MultiFieldPanel([FieldPanel("parent_vi"), FieldPanel("parent_en")], heading=_("Cơ quan chủ quản")),
        MultiFieldPanel(
            [
                FieldPanel("address_vi"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("hours_vi"),
                FieldPanel("hours_en"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence_vi"), FieldPanel("licence_en"), FieldPanel("visits_before_launch")],
            heading=_("Chân trang"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cơ quan")

    def __str__(self):
        return self.name_vi

    @classmethod
    def _get_or_create(cls):
        # Shown on every page: kept in the cache until the next change (any save bumps the generation).
        from home.navigation import cached_for_generation

        return cached_for_generation("agency-settings", super()._get_or_create)

    @property
    def name(self):
        return pick_language(self.name_vi, self.name_en) or settings.WAGTAIL_SITE_NAME

    @property
    def parent(self):
        return pick_language(self.parent_vi, self.parent_en)

    @property
    def address(self):
        return pick_language(self.address_vi, self.address_en)

    @property
    def hours(self):
        return pick_language(self.hours_vi, self.hours_en)

    @property
    def licence(self):
        return pick_language(self.licence_vi, self.licence_en)


class DailyVisits(models.Model):
    """Visits counted on one local day (see ``home.visits``)."""

    date = models.DateField(_("ngày"), unique=True)
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")

    def __str__(self):
        return f"{self.date}: {self.visits}"


class PageViews(models.Model):
    """How often a page was viewed, for the "most read" list."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="view_count")
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang")
        verbose_name_plural = _("lượt xem trang")
        # "Most read" walks this index and stops at the first few public pages, instead of sorting all.
        indexes = [models.Index(fields=["-views"], name="pageviews_views_desc")]

    def __str__(self):
        return f"{self.page_id}: {self.views}"


class OnlineVisitor(models.Model):
    """A visitor seen recently (hashed address and browser, never stored in clear)."""

    key = models.CharField(max_length=40, unique=True)
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.key
