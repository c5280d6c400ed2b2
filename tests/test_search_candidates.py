"""The fast candidate steps behind site search and autocomplete on the database backend (SQLite and
PostgreSQL): the index table is queried directly (Wagtail's ranking of every match is never used),
AND before OR, exact-diacritic titles found even beyond the step limits, the caller's queryset
respected, and query text never reaches the index as syntax."""

from unittest import mock

from django.test import TestCase
from wagtail.models import Page

from home.search import folded_query, vietnamese_autocomplete, vietnamese_search
from search import candidates
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, vi_home


def titles(pages):
    return [page.title for page in pages]


def refuse(*args, **kwargs):
    raise AssertionError("Wagtail's search/autocomplete was called instead of the candidate steps")


class CandidateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.news = NewsIndexPageFactory(parent=vi_home())

    def article(self, title, body="Nội dung tin bài.", live=True):
        page = ArticlePageFactory(
            parent=self.news,
            title=title,
            department=self.news.department,
            body=[("paragraph", f"<p>{body}</p>")],
        )
        if not live:
            page.unpublish()
        return page

    def pages(self):
        return Page.objects.live().public().filter(locale=self.news.locale)

    def search(self, query):
        return vietnamese_search(self.pages(), query)

    def test_database_backend_uses_the_candidate_steps(self):
        self.assertTrue(candidates.available(self.pages()))
        self.article("Cấp giấy phép môi trường")
        self.article("Báo cáo công tác", body="Hướng dẫn cấp giấy phép môi trường cho doanh nghiệp.")
        with (
            mock.patch("wagtail.query.PageQuerySet.search", refuse),
            mock.patch("wagtail.query.PageQuerySet.autocomplete", refuse),
        ):
            found = titles(self.search("giay phep moi truong"))
            self.assertEqual(found, ["Cấp giấy phép môi trường", "Báo cáo công tác"])
            self.assertEqual(titles(vietnamese_autocomplete(self.pages(), "giay phep m")), ["Cấp giấy phép môi trường"])

    def test_every_word_first_then_any_word(self):
        self.article("Cấp giấy phép lao động")
        self.article("Giấy chứng nhận đầu tư")
        # Pages with every word are enough when there are MIN_AND_RESULTS of them...
        with mock.patch.object(candidates, "MIN_AND_RESULTS", 1):
            self.assertEqual(titles(self.search("giay phep lao dong")), ["Cấp giấy phép lao động"])
            # ...and a word no page has ("xin") does not empty the results: pages with all the
            # other words come next.
            self.assertEqual(titles(self.search("xin giay phep lao dong")), ["Cấp giấy phép lao động"])
        # Fewer than MIN_AND_RESULTS: pages with fewer of the words (down to one) complete the list.
        expected = ["Cấp giấy phép lao động", "Giấy chứng nhận đầu tư"]
        self.assertEqual(titles(self.search("giay phep lao dong")), expected)
        self.assertEqual(titles(self.search("xin giay phep lao dong")), expected)

    def test_exact_diacritics_win_beyond_the_step_limits(self):
        fuel = self.article("Kinh doanh xăng dầu")
        for n in range(5):
            self.article(f"Đầu tư dự án số {n}", body="Đầu tư.")
        with (
            mock.patch.object(candidates, "TITLE_LIMIT", 2),
            mock.patch.object(candidates, "BODY_LIMIT", 2),
        ):
            self.assertEqual(self.search("dầu")[0].pk, fuel.pk)
            self.assertNotEqual(self.search("đầu")[0].pk, fuel.pk)
            folded = [page.pk for page in self.search("dau")]
            # Each step stops at its limit (hits of earlier steps count), no page twice.
            self.assertLessEqual(len(folded), 4)
            self.assertEqual(len(set(folded)), len(folded))

    def test_the_callers_queryset_is_respected_even_when_the_index_has_more(self):
        oldest = self.article("Quy hoạch chi tiết khu công nghiệp")
        for n in range(6):
            self.article(f"Quy hoạch chi tiết bản nháp {n}", live=False)
        with mock.patch.object(candidates, "TITLE_LIMIT", 2), mock.patch.object(candidates, "BODY_LIMIT", 2):
            self.assertEqual(titles(self.search("quy hoach chi tiet")), [oldest.title])
            self.assertEqual(titles(vietnamese_autocomplete(self.pages(), "quy hoach c", limit=1)), [oldest.title])
        english = Page.objects.live().filter(locale__language_code="en")
        self.assertEqual(vietnamese_search(english, "quy hoach chi tiet"), [])

    def test_autocomplete_matches_titles_only(self):
        self.article("Thông báo lịch tiếp dân", body="Quy hoạch phân khu.")
        self.article("Điều chỉnh quy hoạch phân khu")
        self.assertEqual(
            titles(vietnamese_autocomplete(self.pages(), "quy hoach ph")), ["Điều chỉnh quy hoạch phân khu"]
        )

    def test_query_text_is_never_index_syntax(self):
        self.article("Cấp giấy phép xây dựng")
        for query in [
            '" * : & | ! ( ) ~ ^',
            "giay OR phep NEAR xay",
            "title : giay",
            "giấy' & 'phép",
            'dau"tu',
            "a_b-c",
            "đầu tư 🚀🏭",
            "NOT AND OR",
            "x" * 200,
            "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba",
        ]:
            vietnamese_search(self.pages(), query)
            vietnamese_autocomplete(self.pages(), query)
            candidates.search_candidates(self.pages(), folded_query(query), query)
        self.assertEqual(titles(self.search("giấy' & 'phép")), ["Cấp giấy phép xây dựng"])
