"""The page tree rules: every page type's allowed parents and children, and the limits on counts."""

from django.core import checks
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from investment.models import InvestmentIndexPage
from procedures.models import ProcedureIndexPage, ProcedurePage
from sections.models import (
    ArticlePage,
    ContactPage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    NewsIndexPage,
    QuestionIndexPage,
    SectionPage,
    SitemapPage,
    StandardPage,
)
from tests.factories import (
    DepartmentFactory,
    NewsIndexPageFactory,
    SectionPageFactory,
    vi_home,
)

SECTION_TYPES = {
    SectionPage,
    NewsIndexPage,
    LegalDocumentIndexPage,
    QuestionIndexPage,
    ContactPage,
    SitemapPage,
    ProcedureIndexPage,
    InvestmentIndexPage,
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, SECTION_TYPES)

    def test_section_page(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, {SectionPage, ArticlePage, StandardPage})

    def test_index_sections_sit_only_under_home(self):
        for model in SECTION_TYPES - {SectionPage}:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_index_children(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(LegalDocumentIndexPage, {LegalDocumentPage})
        self.assertAllowedSubpageTypes(QuestionIndexPage, set())
        self.assertAllowedSubpageTypes(ContactPage, set())
        self.assertAllowedSubpageTypes(SitemapPage, set())
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage, StandardPage})
        # The investment page types are tested in tests/test_investment.py.
        self.assertIn(StandardPage, InvestmentIndexPage.allowed_subpage_models())

    def test_leaf_pages(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage, SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(LegalDocumentPage, {LegalDocumentIndexPage})
        self.assertAllowedSubpageTypes(LegalDocumentPage, set())
        self.assertAllowedParentPageTypes(
            StandardPage, {SectionPage, StandardPage, ProcedureIndexPage, InvestmentIndexPage}
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_articles_cannot_sit_on_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)


class PageCountLimitTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = vi_home()
        cls.department = DepartmentFactory(code="VP")

    def test_one_news_index_per_home(self):
        self.assertTrue(NewsIndexPage.can_create_at(self.home))
        NewsIndexPageFactory(parent=self.home, department=self.department)
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        # Ordinary sections are not limited.
        SectionPageFactory(parent=self.home, department=self.department)
        self.assertTrue(SectionPage.can_create_at(self.home))

    def test_one_home_page_per_configured_language(self):
        root = Page.get_first_root_node()
        self.assertEqual(HomePage.objects.count(), 2)  # vi and en, created after migrate
        self.assertFalse(HomePage.can_create_at(root))

    def test_every_page_type_declares_its_tree_rules(self):
        from home.checks import page_types_declare_tree_rules

        self.assertEqual(page_types_declare_tree_rules(None), [])
        self.assertFalse([e for e in checks.run_checks() if e.level >= checks.ERROR])


class SectionCreationTests(WagtailPageTestCase):
    """assertCanCreate drives the real admin form, so the editor tabs and validation are exercised."""

    @classmethod
    def setUpTestData(cls):
        cls.home = vi_home()
        cls.department = DepartmentFactory(code="QHXD")

    def setUp(self):
        self.login()

    def test_create_section_and_article_through_the_admin(self):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

        self.assertCanCreate(
            self.home,
            SectionPage,
            nested_form_data(
                {
                    "title": "Quy hoạch - Xây dựng",
                    "slug": "quy-hoach-xay-dung",
                    "intro": rich_text("<p>Quy hoạch chung và chi tiết.</p>"),
                    "department": self.department.pk,
                    "body": streamfield([]),
                }
            ),
        )
        section = SectionPage.objects.get(slug="quy-hoach-xay-dung")
        self.assertCanCreate(
            section,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Phê duyệt quy hoạch phân khu KCN Hòa Bình",
                    "slug": "phe-duyet-quy-hoach",
                    "date": "2026-11-02",
                    "summary": "Quy hoạch phân khu được phê duyệt.",
                    "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
                    "attachments": inline_formset([]),
                    "tags": "quy hoạch",
                }
            ),
        )
        article = ArticlePage.objects.get(slug="phe-duyet-quy-hoach")
        # Left empty in the form, the unit defaults to the section's owner.
        self.assertEqual(article.department, self.department)
