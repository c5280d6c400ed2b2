"""Full-page cache for anonymous visitors (issue 7, item 2): hits, bypasses, headers, and never a stale
page after publishing, unpublishing, moving or translating — on the page and on the pages that list it."""

import datetime

from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import RequestFactory, TestCase, override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

from home import cache as page_generation
from home.models import AgencySettings
from home.translation import translate_page
from sections.models import ArticlePage, ContactPage, NewsIndexPage, SectionPage
from tests.helpers import build_demo_structure

PURGED_URLS = set()


class RecordingBackend(BaseBackend):
    """A front-end cache that records what it is asked to purge."""

    def purge(self, url):
        PURGED_URLS.add(url)


CACHED = {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_BROWSER_SECONDS": 60}


def forget_generation_memo():
    """What a freshly started worker process knows: nothing in memory, only the shared file."""
    page_generation._local.update(stat=None, value=None)


@override_settings(**CACHED)
class PageCacheTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.demo = build_demo_structure()
        cls.home = cls.demo.home
        cls.news = NewsIndexPage.objects.get(locale__language_code="vi")
        cls.section = SectionPage.objects.filter(locale__language_code="vi").order_by("path").first()
        cls.article = cls.add_article(cls.news, "Tin gốc về đầu tư", "tin-goc")
        AgencySettings.load()  # created by the first request otherwise, which bumps the generation

    @classmethod
    def add_article(cls, parent, title, slug):
        article = ArticlePage(
            title=title,
            slug=slug,
            summary="Tóm tắt.",
            date=datetime.date(2030, 1, 1),
            department=parent.specific.department,
        )
        parent.add_child(instance=article)
        article.save_revision().publish()
        return article

    def setUp(self):
        cache.clear()
        forget_generation_memo()

    def get(self, url, **extra):
        return self.client.get(url, **extra)

    def assertCache(self, response, state):  # noqa: N802
        self.assertEqual(response["X-Cache"], state, response.get("X-Cache"))

    def publish_title(self, page, title):
        page = page.specific.__class__.objects.get(pk=page.pk)
        page.title = title
        page.save_revision().publish()
        return page

    def login_editor(self):
        editor = self.demo.editors.get("BBT") or next(iter(self.demo.editors.values()))
        self.client.force_login(editor)
        return editor


class HitsAndHeadersTests(PageCacheTestCase):
    def test_second_anonymous_request_is_a_hit_with_public_headers(self):
        first = self.get(self.article.url)
        self.assertEqual(first.status_code, 200)
        self.assertCache(first, "MISS")
        second = self.get(self.article.url)
        self.assertCache(second, "HIT")
        self.assertEqual(second.content, first.content)
        for response in (first, second):
            self.assertIn("public", response["Cache-Control"])
            self.assertIn("max-age=60", response["Cache-Control"])
            self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(second["Content-Type"], first["Content-Type"])
        self.assertEqual(second["Content-Language"], "vi")

    def test_head_is_served_from_the_same_entry(self):
        self.get("/vi/")
        self.assertCache(self.client.head("/vi/"), "HIT")

    def test_query_string_and_language_are_part_of_the_key(self):
        self.get(self.news.url)
        self.assertCache(self.get(self.news.url + "?page=2"), "MISS")
        self.assertCache(self.get("/en/"), "MISS")
        self.assertCache(self.get(self.news.url), "HIT")

    def test_logged_in_editor_is_never_served_from_the_cache_and_sees_fresh_content(self):
        self.get(self.article.url)
        self.assertCache(self.get(self.article.url), "HIT")
        # Changed behind the cache's back (no signal): visitors keep the cached copy for now...
        Page.objects.filter(pk=self.article.pk).update(title="Tiêu đề chỉ biên tập viên thấy")
        self.assertNotContains(self.get(self.article.url), "Tiêu đề chỉ biên tập viên thấy")
        # ...an editor never gets it.
        self.login_editor()
        for _ in range(2):
            response = self.get(self.article.url)
            self.assertCache(response, "BYPASS")
            self.assertContains(response, "Tiêu đề chỉ biên tập viên thấy")
            self.assertIn("private", response["Cache-Control"])
            self.assertIn("no-cache", response["Cache-Control"])

    def test_a_page_rendered_for_an_editor_is_not_stored_for_visitors(self):
        self.login_editor()
        self.get("/vi/")
        self.client.logout()
        self.client.cookies.clear()
        self.assertCache(self.get("/vi/"), "MISS")

    def test_pages_with_a_form_and_its_csrf_token_are_not_cached(self):
        contact = ContactPage.objects.filter(locale__language_code="vi").first()
        if contact is None:
            self.skipTest("no contact page in the demo structure")
        for _ in range(2):
            response = self.get(contact.url)
            self.assertEqual(response.status_code, 200)
            self.assertCache(response, "BYPASS")
            self.assertIn("private", response["Cache-Control"])

    def test_visitors_with_messages_are_bypassed(self):
        request = RequestFactory().get("/")
        storage = CookieStorage(request)
        storage.add(constants.SUCCESS, "Đã gửi")
        response = self.get("/vi/")
        storage.update(response)
        self.client.cookies["messages"] = response.cookies["messages"].value
        self.assertCache(self.get("/vi/"), "BYPASS")

    def test_not_found_is_not_cached(self):
        self.assertCache(self.get("/vi/khong-co-trang-nay/"), "BYPASS")
        self.assertCache(self.get("/vi/khong-co-trang-nay/"), "BYPASS")

    def test_search_results_are_not_cached_so_every_search_counts(self):
        self.assertCache(self.get("/vi/search/?q=dau+tu"), "BYPASS")
        self.assertCache(self.get("/vi/search/?q=dau+tu"), "BYPASS")

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_zero_seconds_turns_the_cache_off(self):
        self.get("/vi/")
        response = self.get("/vi/")
        self.assertNotIn("X-Cache", response.headers)


class InvalidationTests(PageCacheTestCase):
    def warm(self, *urls):
        for url in urls:
            self.get(url)
            self.assertCache(self.get(url), "HIT")

    def test_publishing_shows_the_change_on_the_page_home_and_news_index_at_once(self):
        self.warm(self.article.url, "/vi/", self.news.url)
        self.publish_title(self.article, "Tiêu đề mới đã duyệt")
        for url in (self.article.url, "/vi/", self.news.url):
            response = self.get(url)
            self.assertCache(response, "MISS")
            self.assertContains(response, "Tiêu đề mới đã duyệt")

    def test_a_new_article_appears_on_home_and_news_index_at_once(self):
        self.warm("/vi/", self.news.url)
        self.add_article(self.news, "Tin vừa đăng", "tin-vua-dang")
        self.assertContains(self.get("/vi/"), "Tin vừa đăng")
        self.assertContains(self.get(self.news.url), "Tin vừa đăng")

    def test_unpublishing_removes_the_page_and_its_listings_at_once(self):
        url = self.article.url
        self.warm(url, "/vi/", self.news.url)
        self.article.unpublish()
        self.assertEqual(self.get(url).status_code, 404)
        self.assertNotContains(self.get("/vi/"), "Tin gốc về đầu tư")
        self.assertNotContains(self.get(self.news.url), "Tin gốc về đầu tư")

    def test_moving_updates_the_old_address_and_both_listings(self):
        old_url = self.article.url
        self.warm(old_url, self.news.url, self.section.url)
        # Articles may live in a section page too.
        self.article.move(self.section, pos="last-child")
        moved = ArticlePage.objects.get(pk=self.article.pk)
        old = self.get(old_url)  # Wagtail's automatic redirect to the new address, or gone
        self.assertIn(old.status_code, (301, 302, 404))
        if old.status_code != 404:
            self.assertEqual(old["Location"], moved.url)
        self.assertEqual(self.get(moved.url).status_code, 200)
        self.assertNotContains(self.get(self.news.url), "Tin gốc về đầu tư")
        self.assertContains(self.get(self.section.url), "Tin gốc về đầu tư")

    def test_publishing_an_english_translation_shows_it_at_once(self):
        self.warm("/en/")
        english_news = translate_page(self.news, "en", {self.news.title: "News and events"})
        self.warm(english_news.url)
        translated = translate_page(self.article, "en", {"Tin gốc về đầu tư": "Investment news in English"})
        self.assertContains(self.get("/en/"), "Investment news in English")
        self.assertContains(self.get(english_news.url), "Investment news in English")
        self.assertContains(self.get(translated.url), "Investment news in English")
        # And the Vietnamese page now lists its English alternate.
        self.assertContains(self.get(self.article.url), 'hreflang="en"')

    def test_deleting_a_page_removes_it_at_once(self):
        url = self.article.url
        self.warm(url, self.news.url)
        Page.objects.get(pk=self.article.pk).delete()
        self.assertEqual(self.get(url).status_code, 404)
        self.assertNotContains(self.get(self.news.url), "Tin gốc về đầu tư")

    def test_editing_a_setting_shown_on_every_page_invalidates(self):
        self.warm("/vi/")
        settings_obj = AgencySettings.load()
        settings_obj.phone = "0260 999 8888"
        settings_obj.save()
        self.assertContains(self.get("/vi/"), "0260 999 8888")

    def test_draft_saves_do_not_empty_the_cache(self):
        self.warm(self.article.url)
        article = ArticlePage.objects.get(pk=self.article.pk)
        article.title = "Bản nháp chưa duyệt"
        article.save_revision()
        response = self.get(self.article.url)
        self.assertCache(response, "HIT")
        self.assertNotContains(response, "Bản nháp chưa duyệt")


class SharedGenerationTests(PageCacheTestCase):
    def test_the_generation_lives_in_a_file_all_workers_read(self):
        before = page_generation.current_generation()
        self.assertTrue(page_generation.generation_file().exists())
        # Another process: an empty local cache and no memo, the same file.
        cache.clear()
        forget_generation_memo()
        self.assertEqual(page_generation.current_generation(), before)

    def test_a_publish_in_another_worker_is_seen_by_this_one(self):
        self.get(self.article.url)
        self.assertCache(self.get(self.article.url), "HIT")
        # The other worker publishes: the database changes and it bumps the shared file. This worker's
        # local cache still holds the old page under the old generation.
        Page.objects.filter(pk=self.article.pk).update(title="Đăng từ tiến trình khác")
        page_generation._write_file(page_generation.generation_file(), "other-worker-token")
        response = self.get(self.article.url)
        self.assertCache(response, "MISS")
        self.assertContains(response, "Đăng từ tiến trình khác")
        self.assertEqual(page_generation.current_generation(), "other-worker-token")

    def test_a_publish_here_is_seen_by_a_freshly_started_worker(self):
        self.get(self.news.url)
        stale_entries = dict(cache._cache)  # what another worker has cached in its own memory
        self.publish_title(self.article, "Tiêu đề sau khi đăng")
        cache._cache.clear()
        cache._cache.update(stale_entries)
        forget_generation_memo()
        response = self.get(self.news.url)
        self.assertCache(response, "MISS")
        self.assertContains(response, "Tiêu đề sau khi đăng")

    def test_the_bump_is_repeated_when_the_transaction_commits(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            page_generation.bump_generation()
        self.assertEqual(len(callbacks), 1)
        before = page_generation.current_generation()
        callbacks[0]()
        self.assertNotEqual(page_generation.current_generation(), before)


@override_settings(
    WAGTAILFRONTENDCACHE={
        "varnish": {
            "BACKEND": "tests.test_page_cache.RecordingBackend",
            "LOCATION": "http://localhost:8000",
        }
    },
    WAGTAILFRONTENDCACHE_LANGUAGES=[],
)
class FrontendPurgeTests(PageCacheTestCase):
    def setUp(self):
        super().setUp()
        PURGED_URLS.clear()

    def purged_paths(self):
        from urllib.parse import urlsplit

        return {urlsplit(url).path for url in PURGED_URLS}

    def test_publish_purges_the_page_and_the_pages_listing_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.publish_title(self.article, "Tiêu đề để xóa bộ đệm")
        self.assertEqual(self.purged_paths(), {self.article.url, self.news.url, "/vi/"})

    def test_unpublish_purges_too(self):
        url = self.article.url
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=self.article.pk).unpublish()
        self.assertEqual(self.purged_paths(), {url, self.news.url, "/vi/"})

    def test_move_purges_the_old_address_and_both_parents(self):
        old_url = self.article.url
        with self.captureOnCommitCallbacks(execute=True):
            ArticlePage.objects.get(pk=self.article.pk).move(self.section, pos="last-child")
        moved = ArticlePage.objects.get(pk=self.article.pk)
        self.assertEqual(self.purged_paths(), {old_url, moved.url, self.news.url, self.section.url, "/vi/"})

    @override_settings(WAGTAILFRONTENDCACHE={})
    def test_nothing_is_purged_without_configuration(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.publish_title(self.article, "Không cấu hình")
        self.assertEqual(PURGED_URLS, set())


class RoutingTests(PageCacheTestCase):
    """The one-query router (home/routing.py) behaves as Wagtail's: restrictions, drafts, 404s."""

    def test_a_login_restriction_still_applies_and_is_not_cached(self):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=self.news, restriction_type=PageViewRestriction.LOGIN)
        for url in (self.news.url, self.article.url):
            response = self.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("login", response["Location"])
        self.login_editor()
        self.assertEqual(self.get(self.article.url).status_code, 200)

    def test_a_password_restriction_asks_for_the_password(self):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=self.article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
        response = self.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Tóm tắt.")
        self.assertCache(response, "BYPASS")  # the password form carries a CSRF token

    def test_drafts_and_unknown_paths_are_not_found(self):
        draft = ArticlePage(
            title="Bản nháp", slug="ban-nhap", summary="Nháp.", date=datetime.date(2030, 1, 1), live=False
        )
        draft.department = self.news.department
        self.news.add_child(instance=draft)
        self.assertEqual(self.get(self.news.url + "ban-nhap/").status_code, 404)
        self.assertEqual(self.get(self.news.url + "khong-co/").status_code, 404)
        self.assertEqual(self.get(self.article.url + "khong-co/").status_code, 404)
        self.assertEqual(self.get("/vi/khong-co/tin-goc/").status_code, 404)

    def test_routable_pages_resolve_their_own_urls_and_their_children(self):
        from sections.models import QuestionIndexPage

        questions = QuestionIndexPage.objects.filter(locale__language_code="vi").first()
        if questions is None:
            self.skipTest("no Q&A section in the demo structure")
        self.assertEqual(self.get(questions.url).status_code, 200)
        self.assertEqual(self.get(questions.url + "khong-co-route/").status_code, 404)
