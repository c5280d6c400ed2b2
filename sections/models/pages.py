"""Section pages (each owned by a department), the shared news index, articles and standard pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, get_page_models
from wagtail.search import index

from home.models import BasePage, with_renditions
from home.navigation import cached_for_generation, public
from home.text import clean_query

from ..blocks import ArticleBodyBlock, StandardBodyBlock
from ..forms import ArticlePageForm, SectionPageForm

SECTION_PARENTS = ["home.HomePage"]


def paginate(request, queryset, per_page=10):
    """A page of results; a wrong or out-of-range page number gives the nearest valid page."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def owning_section(page):
    """The nearest section page at or above ``page`` (specific), or None."""
    for ancestor in page.get_ancestors(inclusive=True).reverse().specific(defer=True):
        if isinstance(ancestor, SectionBase):
            return ancestor
    return None


class SectionBase(BasePage):
    """A top-level section of the portal, owned by one department.

    The owning department's group gets add and edit (not publish) rights on the section and
    everything below it; see ``sections.permissions``. ``open_to_all_departments`` marks a shared
    section (news) where every department may add articles attributed to itself.
    """

    department = models.ForeignKey(
        "sections.Department",
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị được quyền cập nhật chuyên mục này; Ban biên tập duyệt trước khi đăng."),
    )
    intro = RichTextField(_("giới thiệu chuyên mục"), blank=True, features=["bold", "italic", "link"])

    open_to_all_departments = False
    # Templates find special sections by this role (home's `special_pages` tag), never by class name.
    portal_role = ""
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    extra_panels = [FieldPanel("department")]
    base_form_class = SectionPageForm
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = SECTION_PARENTS
    show_in_menus_default = True

    class Meta:
        abstract = True


class BodySectionBase(SectionBase):
    """A section with its own free content (a StreamField body) above what it lists."""

    body = StreamField(StandardBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = SectionBase.content_panels + [FieldPanel("body")]
    search_fields = SectionBase.search_fields + [index.SearchField("body")]

    class Meta:
        abstract = True


class SectionPage(BodySectionBase):
    """A mandated section (or a sub-section) holding articles and standard pages."""

    parent_page_types = ["home.HomePage", "sections.SectionPage"]
    subpage_types = ["sections.SectionPage", "sections.ArticlePage", "sections.StandardPage"]
    template = "sections/section_page.html"

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().specific()
        context["subsections"] = [c for c in children if not isinstance(c, ArticlePage)]
        articles = ArticlePage.objects.live().child_of(self).order_by("-date", "-first_published_at")
        context["articles"] = paginate(request, with_renditions(articles.select_related("department")))
        return context


class NewsIndexPage(SectionBase):
    """Tin tức - Sự kiện: the shared news section. Every department may add articles here."""

    open_to_all_departments = True
    portal_role = "news"
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.ArticlePage"]
    max_count_per_parent = 1
    template = "sections/news_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục tin tức")
        verbose_name_plural = _("chuyên mục tin tức")

    def get_context(self, request, *args, **kwargs):
        from .departments import Department

        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .descendant_of(self)
            .order_by("-date", "-first_published_at")
            .select_related("department")
        )
        articles = with_renditions(articles)
        code = clean_query(request.GET.get("don-vi", ""), 20)
        department = Department.objects.filter(code=code).first() if code else None
        if department:
            articles = articles.filter(department=department)
        tag = clean_query(request.GET.get("tag", ""), 100)
        if tag:
            articles = articles.filter(tags__name=tag)
        context.update(
            articles=paginate(request, articles),
            available_tags=self.popular_tags(),
            departments=Department.objects.active(),
            selected_department=department,
            selected_tag=tag,
        )
        return context

    def popular_tags(self, limit=15):
        """The tags most used by the live articles of this section, most used first."""
        from django.db.models import Count
        from taggit.models import Tag

        def build():
            live_articles = ArticlePage.objects.live().descendant_of(self)
            return list(
                Tag.objects.filter(sections_articlepagetag_items__content_object__in=live_articles)
                .annotate(uses=Count("sections_articlepagetag_items"))
                .order_by("-uses", "name")[:limit]
            )

        # Counting tag uses reads every article of the section: kept until something is published.
        return cached_for_generation(f"popular-tags:{self.pk}:{limit}", build)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("sections.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(BasePage):
    """Tin, bài: a news item or article, attributed to a department (the unit of the monthly quota)."""

    show_in_sitemap = False  # reached through its listing page

    date = models.DateField(_("ngày tin"), default=timezone.localdate)
    department = models.ForeignKey(
        "sections.Department",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Để trống: đơn vị phụ trách chuyên mục."),
    )
    author_name = models.CharField(_("tác giả / nguồn tin"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"))
    tags = ClusterTaggableManager(_("từ khóa"), through=ArticlePageTag, blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("department"), FieldPanel("author_name")],
            heading=_("Thông tin tin bài"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Tệp đính kèm")),
        FieldPanel("tags"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("department"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["sections.NewsIndexPage", "sections.SectionPage"]
    subpage_types = []
    template = "sections/article_page.html"
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        # Every news list is "newest first, a page at a time": with this index the database reads the
        # newest rows and stops, instead of sorting every article (48 ms -> 4 ms at 20,000 articles).
        indexes = [models.Index(fields=["-date"], name="article_date_desc")]

    def clean(self):
        super().clean()
        if self.department_id is None:
            self.department = self.default_department()
        if self.department_id is None:
            raise ValidationError({"department": _("Hãy chọn đơn vị thực hiện tin bài.")})

    def save(self, *args, **kwargs):
        if self.department_id is None:
            self.department = self.default_department()
        return super().save(*args, **kwargs)

    def default_department(self):
        """The owner of the section this article sits in (its parent when not yet saved)."""
        parent = self.get_parent() if self.pk and self.path else getattr(self, "_parent_for_default", None)
        section = owning_section(parent) if parent else None
        return section.department if section else None

    def permissions_for_user(self, user):
        from ..permissions import ArticlePermissionTester

        return ArticlePermissionTester(user, self)

    @property
    def last_updated(self):
        return self.last_published_at or self.latest_revision_created_at


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")

    @property
    def label(self):
        return self.title or self.document.title


class StandardPage(BasePage):
    """A plain content page: functions and duties, organisation, leaders, contacts, disclosures."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = [
        "sections.SectionPage",
        "sections.StandardPage",
        "procedures.ProcedureIndexPage",
        "investment.InvestmentIndexPage",
    ]
    subpage_types = ["sections.StandardPage"]
    template = "sections/standard_page.html"

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")


class SitemapPage(SectionBase):
    """Sơ đồ cổng thông tin: the HTML sitemap of the current language's live pages."""

    portal_role = "sitemap"
    parent_page_types = SECTION_PARENTS
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = False
    template = "sections/sitemap_page.html"

    class Meta:
        verbose_name = _("sơ đồ cổng thông tin")
        verbose_name_plural = _("sơ đồ cổng thông tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        listed_items = [model for model in get_page_models() if not getattr(model, "show_in_sitemap", True)]
        pages = (
            public(Page.objects.live())
            .descendant_of(home)
            .filter(depth__lte=home.depth + 2)
            .not_type(*listed_items)
            .exclude(pk=self.pk)
            .order_by("path")
        )
        tree = []
        for page in pages:
            if page.depth == home.depth + 1:
                tree.append({"page": page, "children": []})
            elif tree and page.path.startswith(tree[-1]["page"].path):
                tree[-1]["children"].append(page)
        context["tree"] = tree
        context["show_all_languages"] = len(settings.LANGUAGES) > 1
        return context
