"""`load_demo` builds the whole portal once; a second run changes nothing."""

import datetime
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from home.models import AgencySettings
from sections.models import ArticlePage, Department, LegalDocumentPage, Question, SectionBase
from sections.permissions import section_models
from tests.helpers import PASSWORD

COUNTED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.Collection",
    "wagtailcore.Workflow",
    "wagtailcore.Task",
    "auth.User",
    "auth.Group",
    "sections.Department",
    "sections.Question",
    "sections.DocumentType",
    "sections.Issuer",
    "sections.Topic",
    "sections.ContactFormField",
    "taggit.Tag",
    "wagtail_localize.Translation",
    "wagtail_localize.StringTranslation",
]


def counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def month_start(offset):
    today = timezone.localdate()
    year, month = today.year, today.month + offset
    while month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", password=PASSWORD, stdout=StringIO())

    def test_second_run_creates_no_duplicates_and_changes_nothing(self):
        before = counts()
        out = StringIO()
        call_command("load_demo", password=PASSWORD, stdout=out)
        self.assertEqual(counts(), before)
        self.assertIn("nothing new", out.getvalue())

    def test_page_tree_is_consistent(self):
        # treebeard's own consistency check: paths, depths and child counts agree.
        self.assertEqual([list(problem) for problem in Page.find_problems()], [[], [], [], [], []])
        english_home = Page.objects.get(depth=2, locale__language_code="en")
        self.assertEqual(english_home.numchild, english_home.get_children().count())
        self.assertGreater(english_home.numchild, 0)

    def test_every_demo_page_obeys_the_tree_rules(self):
        for page in Page.objects.filter(depth__gt=2).specific():
            parent = page.get_parent().specific
            self.assertIn(type(page), parent.specific_class.allowed_subpage_models(), page.url_path)
            self.assertIn(type(parent), type(page).allowed_parent_page_models(), page.url_path)

    def test_units_and_editors(self):
        codes = set(Department.objects.values_list("code", flat=True))
        self.assertEqual(codes, {"VP", "QLDT", "QHXD", "TNMT", "QLDN", "KHTH", "DTPTHT", "DANGDOAN", "BBT"})
        User = get_user_model()
        for department in Department.objects.all():
            editor = User.objects.get(username=f"{department.code.lower()}-editor")
            self.assertEqual(list(editor.groups.all()), [department.group])
            self.assertTrue(editor.check_password(PASSWORD))
            self.assertFalse(editor.is_superuser)
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        self.assertTrue(Department.objects.get(code="BBT").is_editorial_board)

    def test_every_mandated_section_exists_with_an_owner(self):
        slugs = {
            "gioi-thieu", "tin-tuc-su-kien", "chi-dao-dieu-hanh", "van-ban", "thu-tuc-hanh-chinh",
            "pho-bien-giao-duc-phap-luat", "iso", "quy-hoach-xay-dung", "dat-dai-moi-truong", "xuc-tien-dau-tu",
            "doanh-nghiep-lao-dong", "ke-hoach-du-an", "kcn-hoa-binh", "dang-doan-the", "ngan-sach-thong-ke",
            "du-thao-lay-y-kien", "hoi-dap", "tiep-can-thong-tin", "lien-he",
        }  # fmt: skip
        vi_sections = [
            page for model in section_models() for page in model.objects.filter(locale__language_code="vi", depth=3)
        ]
        self.assertTrue(slugs <= {page.slug for page in vi_sections})
        for page in vi_sections:
            self.assertIsInstance(page, SectionBase)
            self.assertTrue(page.live)
            if page.slug in slugs:
                self.assertTrue(page.show_in_menus, page.slug)

    def test_three_months_of_articles_some_units_above_quota_some_below(self):
        for offset in (-3, -2, -1):
            start, end = month_start(offset), month_start(offset + 1)
            per_unit = {code: 0 for code in Department.objects.values_list("code", flat=True)}
            published = ArticlePage.objects.filter(
                locale__language_code="vi",
                first_published_at__date__gte=start,
                first_published_at__date__lt=end,
            )
            for code in published.values_list("department__code", flat=True):
                per_unit[code] += 1
            self.assertTrue(any(n > 2 for n in per_unit.values()), (offset, per_unit))
            self.assertTrue(any(n < 2 for n in per_unit.values()), (offset, per_unit))
        # Each article has a publication history: created, published by the editorial board.
        article = ArticlePage.objects.first()
        self.assertTrue(Revision.page_revisions.filter(object_id=str(article.pk)).exists())
        self.assertTrue(PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists())

    def test_legal_documents_from_the_meeting(self):
        numbers = set(LegalDocumentPage.objects.values_list("number", flat=True))
        self.assertTrue({"2150/UBND-KGVX", "889/UBND-KGVX"} <= numbers)
        document = LegalDocumentPage.objects.get(number="2150/UBND-KGVX")
        self.assertEqual(document.issue_date, datetime.date(2016, 9, 9))

    def test_answered_questions_are_public_and_unanswered_are_not(self):
        self.assertGreaterEqual(Question.objects.published().count(), 5)
        self.assertTrue(Question.objects.filter(status=Question.Status.NEW).exists())
        self.assertFalse(Question.objects.published().filter(answer="").exists())

    def test_english_translations_are_wagtail_localize_translations(self):
        from wagtail_localize.models import Translation

        for slug in ("gioi-thieu", "lien-he", "lanh-dao-ban", "chuc-nang-nhiem-vu"):
            source = Page.objects.get(slug=slug, locale__language_code="vi")
            english = source.get_translation(source.locale.__class__.objects.get(language_code="en"))
            self.assertTrue(english.live, slug)
            self.assertNotEqual(english.title, source.title)
            self.assertTrue(
                Translation.objects.filter(
                    source__object_id=source.translation_key, target_locale__language_code="en"
                ).exists(),
                slug,
            )
        self.assertEqual(AgencySettings.load().name_en, "Kon Tum Economic Zone Management Board")

    def test_every_unit_owns_a_collection_and_a_group(self):
        for department in Department.objects.all():
            self.assertIsNotNone(department.group)
            self.assertIsNotNone(department.collection)
        self.assertEqual(Group.objects.filter(department__isnull=False).count(), 9)


class LoadDemoPasswordTests(TestCase):
    @override_settings(DEBUG=False)
    def test_default_password_is_refused_without_debug(self):
        with self.assertRaisesMessage(CommandError, "--password"):
            call_command("load_demo", stdout=StringIO())
        self.assertFalse(Department.objects.exists())

    @override_settings(DEBUG=True, PORTAL_ALLOW_DEMO_PASSWORD=True)
    def test_default_password_is_accepted_in_development(self):
        call_command("load_demo", stdout=StringIO())
        self.assertTrue(get_user_model().objects.get(username="vp-editor").check_password("demo"))
