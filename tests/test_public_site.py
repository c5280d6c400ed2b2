"""The public site as a visitor meets it: language routing, navigation, hreflang, feeds, sitemaps,
forms that keep what they are given, and listings that never fail on bad input."""

import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Page

from procedures.models import ProcedurePage
from sections.models import ArticlePage, LegalDocumentPage, Question
from tests.helpers import PASSWORD

MANDATED_TITLES = [
    "Giới thiệu", "Tin tức - Sự kiện", "Chỉ đạo - Điều hành", "Văn bản", "Thủ tục hành chính",
    "Phổ biến giáo dục pháp luật", "Hệ thống quản lý chất lượng ISO", "Quy hoạch - Xây dựng",
    "Đất đai - Môi trường", "Xúc tiến đầu tư", "Doanh nghiệp - Lao động - Thương mại - Du lịch",
    "Kế hoạch - Dự án - Đề tài", "Khu công nghiệp Hòa Bình", "Đảng - Đoàn thể", "Ngân sách - Thống kê",
    "Dự thảo lấy ý kiến", "Hỏi đáp", "Tiếp cận thông tin", "Liên hệ",
]  # fmt: skip


class DemoSiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", password=PASSWORD, stdout=StringIO())

    def nav_html(self, html):
        match = re.search(r'<nav[^>]*id="main-nav"[^>]*>(.*?)</nav>', html, re.S)
        self.assertIsNotNone(match, "the main navigation has id=main-nav")
        return match.group(1)


class LanguageRoutingTests(DemoSiteTestCase):
    def test_root_redirects_to_the_visitors_language(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/vi/")
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
        self.assertEqual(response["Location"], "/en/")

    def test_both_home_pages_render_in_their_language(self):
        vi = self.client.get("/vi/")
        self.assertEqual(vi.status_code, 200)
        self.assertContains(vi, '<html lang="vi"')
        en = self.client.get("/en/")
        self.assertEqual(en.status_code, 200)
        self.assertContains(en, '<html lang="en"')
        self.assertContains(en, "Kon Tum Economic Zone Management Board")

    def test_every_mandated_section_is_in_the_vietnamese_navigation(self):
        nav = self.nav_html(self.client.get("/vi/").content.decode())
        for title in MANDATED_TITLES:
            self.assertIn(title, nav)

    def test_home_page_links_the_citizen_services_and_latest_news(self):
        html = self.client.get("/vi/").content.decode()
        services = re.search(r'class="home-services"(.*?)</aside>', html, re.S).group(1)
        for url in ("/vi/thu-tuc-hanh-chinh/", "/vi/hoi-dap/", "/vi/van-ban/", "/vi/lien-he/"):
            self.assertIn(f'href="{url}"', services)
        newest = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("-date").first()
        self.assertIn(newest.title, html)
        self.assertIn('href="/vi/tin-tuc-su-kien/"', html)

    def test_hreflang_alternates_list_every_translation(self):
        response = self.client.get("/vi/gioi-thieu/")
        html = response.content.decode()
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
        self.assertTrue(alternates["vi"].endswith("/vi/gioi-thieu/"))
        self.assertTrue(alternates["en"].endswith("/en/gioi-thieu/"))
        self.assertEqual(alternates["x-default"], alternates["vi"])
        # An untranslated page lists only itself.
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        html = self.client.get(article.url).content.decode()
        self.assertEqual(
            {code for code, _url in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)},
            {"vi", "x-default"},
        )

    def test_language_switcher_goes_to_the_translation_or_the_home_page(self):
        html = self.client.get("/vi/gioi-thieu/lanh-dao-ban/").content.decode()
        self.assertRegex(html, r'<a[^>]+href="/en/gioi-thieu/lanh-dao-ban/"[^>]*hreflang="en"')
        english = self.client.get("/en/gioi-thieu/lanh-dao-ban/")
        self.assertContains(english, "Head of the Board")
        self.assertRegex(english.content.decode(), r'<a[^>]+href="/vi/gioi-thieu/lanh-dao-ban/"[^>]*hreflang="vi"')
        # No English version of a news article yet: the switcher offers the English home page.
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        html = self.client.get(article.url).content.decode()
        self.assertRegex(html, r'<a[^>]+href="/en/"[^>]*hreflang="en"')

    def test_search_is_per_language(self):
        response = self.client.get("/en/search/", {"q": "Leadership"})
        self.assertEqual(response.status_code, 200)
        for result in response.context["search_results"]:
            self.assertEqual(result.locale.language_code, "en")


class SiteFilesTests(DemoSiteTestCase):
    def test_healthz_checks_the_database(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"status": "ok", "down": [], "database": "ok", "cache": "ok", "search": "ok (database)"},
        )

    def test_sitemap_xml_lists_pages_in_both_languages(self):
        index = self.client.get("/sitemap.xml")
        self.assertEqual(index.status_code, 200)
        self.assertContains(index, "<sitemapindex")
        self.assertContains(index, "http://testserver/sitemap-pages.xml")
        response = self.client.get("/sitemap-pages.xml")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("/vi/tin-tuc-su-kien/", body)
        self.assertIn("/en/gioi-thieu/", body)
        self.assertIn("<lastmod>", body)

    def test_sitemap_is_split_into_files_that_together_list_every_live_page(self):
        live = Page.objects.live().public().filter(depth__gte=2).count()
        with self.settings(PORTAL_SITEMAP_LIMIT=40):
            index = self.client.get("/sitemap.xml").content.decode()
            files = index.count("<sitemap>")
            self.assertEqual(files, -(-live // 40))
            urls = set()
            for number in range(1, files + 1):
                body = self.client.get(f"/sitemap-pages.xml?p={number}").content.decode()
                urls.update(part.split("</loc>")[0] for part in body.split("<loc>")[1:])
            self.assertEqual(len(urls), live)
            self.assertEqual(self.client.get(f"/sitemap-pages.xml?p={files + 1}").status_code, 404)
            self.assertEqual(self.client.get("/sitemap-pages.xml?p=abc").status_code, 404)
            self.assertEqual(self.client.get("/sitemap-khac.xml").status_code, 404)

    def test_sitemap_index_dates_come_from_one_query_whatever_the_number_of_pages(self):
        from django.db import connection
        from django.db.models.functions import Coalesce
        from django.test.utils import CaptureQueriesContext

        def index_queries():
            with CaptureQueriesContext(connection) as queries:
                body = self.client.get("/sitemap.xml").content.decode()
            return len(queries), body

        before, _body = index_queries()
        from sections.models import Department

        news = Page.objects.get(slug="tin-tuc-su-kien", locale__language_code="vi")
        unit = Department.objects.order_by("pk").first()
        for n in range(15):
            article = ArticlePage(
                title=f"Tin sơ đồ {n}", slug=f"tin-so-do-{n}", summary="Tóm tắt.", body=[], department=unit
            )
            news.add_child(instance=article)
            article.save_revision().publish()
        after, body = index_queries()
        self.assertEqual(before, after)
        newest = (
            Page.objects.live()
            .annotate(when=Coalesce("last_published_at", "latest_revision_created_at"))
            .filter(when__isnull=False)
            .order_by("-when")
            .first()
        )
        self.assertEqual(newest.title, "Tin sơ đồ 14")
        self.assertIn(f"<lastmod>{timezone.localtime(newest.when).isoformat()}</lastmod>", body)

    def test_robots_txt_points_to_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sitemap: http://testserver/sitemap.xml")
        self.assertContains(response, "Disallow: /admin/")

    def test_rss_feed_of_news(self):
        response = self.client.get("/vi/rss/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.count(b"<item>"), 30)
        self.assertContains(response, "<category>")

    def test_html_sitemap_page(self):
        response = self.client.get("/vi/so-do-trang/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Quy hoạch - Xây dựng")
        self.assertContains(response, "Lãnh đạo")
        # The structure, not every item: articles and procedures are reached through their listings.
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        procedure = ProcedurePage.objects.live().filter(locale__language_code="vi").first()
        self.assertNotContains(response, f'href="{article.url}"')
        self.assertNotContains(response, f'href="{procedure.url}"')
        self.assertContains(response, f'href="{procedure.get_parent().url}"')

    def test_404_is_bilingual_and_500_renders_without_the_database(self):
        response = self.client.get("/vi/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy", status_code=404)
        self.assertContains(response, "not found", status_code=404)
        from home.views import server_error

        with self.assertNumQueries(0):
            response = server_error(RequestFactory().get("/vi/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn("Đã có lỗi", response.content.decode())
        self.assertIn("Something went wrong", response.content.decode())

    def test_open_graph_and_print_on_articles(self):
        article = ArticlePage.objects.live().filter(locale__language_code="vi").first()
        response = self.client.get(article.url)
        self.assertContains(response, '<meta property="og:title"')
        self.assertContains(response, 'property="og:type" content="article"')
        self.assertContains(response, "data-print")
        self.assertContains(response, article.department.name_vi)
        self.assertContains(response, "Cập nhật")

    def test_no_external_assets(self):
        """Scripts, styles, images and fonts all come from this server (closed provincial network)."""
        for url in ("/vi/", "/en/gioi-thieu/"):
            html = self.client.get(url).content.decode()
            assets = re.findall(r'<(?:script|img|source|iframe)[^>]+src="([^"]+)"', html)
            assets += re.findall(r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', html)
            assets += [u for _q, u in re.findall(r"url\(([\"']?)(https?:[^)]+)\)", html)]
            self.assertTrue(assets, "the page loads its own assets")
            self.assertEqual([a for a in assets if "//" in str(a)], [], url)


class BadInputTests(DemoSiteTestCase):
    """Any bytes in a query string give a normal page (PostgreSQL refuses NUL: it must never reach it)."""

    NASTY = ["\x00", "\x00\x01\x7f", "đ\x00ầu tư", "' OR 1=1 --", "<script>alert(1)</script>", "%00%ff", "x" * 5000]

    def test_every_listing_and_search(self):
        for url, keys in (
            ("/vi/tin-tuc-su-kien/", ("don-vi", "tag", "page")),
            ("/vi/hoi-dap/", ("q", "page")),
            ("/vi/search/", ("q", "page")),
            ("/en/search/", ("q",)),
            ("/vi/quy-hoach-xay-dung/", ("page",)),
        ):
            for key in keys:
                for value in self.NASTY:
                    response = self.client.get(url, {key: value})
                    self.assertEqual(response.status_code, 200, (url, key, value[:20]))
                    self.assertNotIn(b"<script>alert(1)</script>", response.content)

    def test_nul_in_a_posted_question_is_refused_politely(self):
        response = self.client.post(
            "/vi/hoi-dap/gui-cau-hoi/",
            {"asker_name": "A\x00B", "email": "a@example.vn", "title": "T", "question": "Nội dung câu hỏi dài"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Question.objects.filter(email="a@example.vn").exists())


class LegalDocumentListingTests(DemoSiteTestCase):
    url = "/vi/van-ban/"

    def test_filters(self):
        response = self.client.get(self.url, {"loai": "cong-van"})
        documents = list(response.context["documents"])
        self.assertTrue(documents)
        self.assertTrue(all(d.document_type.slug == "cong-van" for d in documents))
        response = self.client.get(self.url, {"nam": "2016"})
        self.assertTrue(all(d.issue_date.year == 2016 for d in response.context["documents"]))
        self.assertContains(response, "2150/UBND-KGVX")
        expired = self.client.get(self.url, {"hieu-luc": "expired"}).context["documents"]
        self.assertTrue(expired and all(d.status.value == "expired" for d in expired))
        response = self.client.get(self.url, {"q": "889/UBND"})
        self.assertEqual([d.number for d in response.context["documents"]], ["889/UBND-KGVX"])

    def test_bad_input_gives_a_page_not_an_error(self):
        for params in (
            {"nam": "abc"},
            {"page": "9999"},
            {"page": "-1"},
            {"loai": "<script>"},
            {"hieu-luc": "x" * 5000},
            {"q": "\x00\x01đ" * 100},
        ):
            response = self.client.get(self.url, params)
            self.assertEqual(response.status_code, 200, params)

    def test_document_page(self):
        document = LegalDocumentPage.objects.get(number="2150/UBND-KGVX")
        response = self.client.get(document.url)
        self.assertContains(response, "2150/UBND-KGVX")
        self.assertContains(response, "09/09/2016")


class QuestionFormTests(DemoSiteTestCase):
    url = "/vi/hoi-dap/"
    ask_url = "/vi/hoi-dap/gui-cau-hoi/"
    valid = {
        "asker_name": "Trần Thị Mai",
        "email": "mai@example.vn",
        "title": "Thời hạn cấp giấy chứng nhận đăng ký đầu tư",
        "question": "Xin cho biết thời hạn cấp giấy chứng nhận đăng ký đầu tư trong khu công nghiệp?",
        "website": "",
    }

    def test_only_answered_questions_are_listed(self):
        response = self.client.get(self.url)
        listed = list(response.context["questions"])
        self.assertTrue(listed)
        self.assertTrue(all(q.status == Question.Status.ANSWERED and q.answer for q in listed))
        unanswered = Question.objects.filter(status=Question.Status.NEW).first()
        self.assertNotContains(response, unanswered.title)
        detail = self.client.get(f"/vi/hoi-dap/{unanswered.pk}/")
        self.assertEqual(detail.status_code, 404)

    def test_a_question_is_stored_and_not_published_until_answered(self):
        response = self.client.post(self.ask_url, self.valid)
        self.assertEqual(response.status_code, 200)
        question = Question.objects.get(email="mai@example.vn")
        self.assertEqual(question.status, Question.Status.NEW)
        self.assertNotContains(self.client.get(self.url), self.valid["title"])
        question.answer = "Thời hạn là 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ."
        question.status = Question.Status.ANSWERED
        question.full_clean()
        question.save()
        self.assertContains(self.client.get(self.url), self.valid["title"])

    def test_invalid_input_keeps_what_was_typed_and_explains(self):
        data = dict(self.valid, email="not-an-email")
        response = self.client.post(self.ask_url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, self.valid["question"], status_code=400)
        self.assertTrue(response.context["form"].errors["email"])
        self.assertFalse(Question.objects.filter(asker_name="Trần Thị Mai").exists())

    def test_honeypot_rejects_bots(self):
        response = self.client.post(self.ask_url, dict(self.valid, website="http://spam"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Question.objects.filter(email="mai@example.vn").exists())

    def test_answered_requires_an_answer(self):
        from django.core.exceptions import ValidationError

        question = Question(asker_name="A", email="a@example.vn", title="T", question="Q" * 20, status="answered")
        with self.assertRaises(ValidationError):
            question.full_clean()


class ContactFormTests(DemoSiteTestCase):
    def test_english_form_has_english_labels_and_the_same_field_names(self):
        vi = self.client.get("/vi/lien-he/").content.decode()
        en = self.client.get("/en/lien-he/").content.decode()
        self.assertIn("Full name", en)
        self.assertNotIn("Họ và tên", en)
        names = r'<(?:input|textarea)[^>]+name="([a-z_]+)"'
        self.assertEqual(
            [n for n in re.findall(names, vi) if n not in ("q", "csrfmiddlewaretoken", "website")],
            ["ho_va_ten", "thu_dien_tu", "dien_thoai", "tieu_de", "noi_dung"],
        )
        self.assertEqual(re.findall(names, vi), re.findall(names, en))

    def test_submission_is_stored_then_mailed(self):
        page = Page.objects.get(slug="lien-he", locale=Locale.objects.get(language_code="vi")).specific
        form = page.get_form()
        from django import forms

        data = {
            name: "lienhe@example.vn" if isinstance(field, forms.EmailField) else "Nội dung liên hệ"
            for name, field in form.fields.items()
            if name != "website"  # the honeypot: people leave it empty
        }
        response = self.client.post(page.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(FormSubmission.objects.filter(page=page).count(), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("vanphong@example.vn", mail.outbox[0].to)


def test_pagination_links_a_window_of_pages_not_every_page():
    """A listing of 20,000 articles has 2,000 pages: the links are the first, the last and two on each
    side of the current one, with gaps, and the template renders them without walking every page."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from home.templatetags.portal_tags import page_window

    paginator = Paginator(range(20000), 10)
    ellipsis = paginator.ELLIPSIS
    assert page_window(paginator.page(500)) == [1, ellipsis, 498, 499, 500, 501, 502, ellipsis, 2000]
    assert page_window(paginator.page(1)) == [1, 2, 3, ellipsis, 2000]
    request = RequestFactory().get("/tin/", {"page": 500, "tag": "x"})
    html = render_to_string("sections/includes/pagination.html", {"items": paginator.page(500)}, request=request)
    assert html.count("<li") == 11  # previous, 7 numbers, 2 gaps, next
    assert 'href="?page=2000&amp;tag=x"' in html or 'href="?tag=x&amp;page=2000"' in html
    assert 'aria-current="page"' in html
