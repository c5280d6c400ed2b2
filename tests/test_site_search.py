"""Site search: type filter, highlighted excerpts, pagination, JSON autocomplete, search promotions
and the search-terms report, and queries with no result logged for the editorial board."""

import json
import re
from pathlib import Path

from django.test import TestCase
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from procedures.importer import import_records
from procedures.models import ProcedurePage
from search.models import UnansweredQuery
from tests.helpers import PASSWORD, build_demo_structure

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "demo_data" / "procedures.json"


class SiteSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.structure = build_demo_structure()
        records = json.loads(DEMO.read_text(encoding="utf-8"))
        report = import_records([(str(i), r) for i, r in enumerate(records)])
        assert not report.errors, report.errors

    def search(self, language="vi", **params):
        response = self.client.get(f"/{language}/search/", params)
        self.assertEqual(response.status_code, 200, params)
        return response.content.decode()

    def result_titles(self, html):
        return re.findall(r'<h2 class="card-title"><a href="[^"]*">(.*?)</a></h2>', html)

    def test_type_filter_lists_found_types_with_counts_and_filters(self):
        html = self.search(q="giay phep")
        types = dict(re.findall(r'data-type="([^"]+)"[^>]*>[^<]*</a> <span class="count">\((\d+)\)', html))
        self.assertIn("procedures.procedurepage", types)
        procedures_only = self.search(q="giay phep", type="procedures.procedurepage")
        self.assertIn(f"Tìm thấy {types['procedures.procedurepage']} kết quả", procedures_only)
        self.assertIn("procedures.procedurepage", procedures_only)
        # An unknown type is ignored, not an error.
        self.assertEqual(self.result_titles(self.search(q="giay phep", type="x.y")), self.result_titles(html))

    def test_query_words_are_highlighted_whatever_the_accents(self):
        html = self.search(q="giay phep moi truong")
        self.assertIn("<mark>giấy</mark> <mark>phép</mark> <mark>môi</mark> <mark>trường</mark>", html)
        self.assertNotIn("<mark><", html)
        escaped = self.search(q="<script>alert(1)</script>")
        self.assertNotIn("<script>alert", escaped)

    def test_pagination(self):
        first = self.result_titles(self.search(q="giay phep", type="procedures.procedurepage"))
        second = self.result_titles(self.search(q="giay phep", type="procedures.procedurepage", page=2))
        self.assertEqual(len(first), 10)
        self.assertTrue(second)
        self.assertFalse(set(first) & set(second))

    def test_autocomplete_json_folds(self):
        for prefix in ["dang ky d", "Đăng ký đ"]:
            response = self.client.get("/vi/search/suggest/", {"q": prefix})
            self.assertEqual(response.status_code, 200)
            data = response.json()
            titles = [s["title"] for s in data["suggestions"]]
            self.assertTrue(any("đăng ký đầu tư" in t.lower() for t in titles), (prefix, titles))
            self.assertTrue(all(s["url"].startswith("/vi/") for s in data["suggestions"]))
        for bad in ["", "a", "\x00", '" * : & | ! ( ) ~ ^', "x" * 5000, "🚀🚀"]:
            response = self.client.get("/vi/search/suggest/", {"q": bad})
            self.assertEqual(response.status_code, 200, bad)
            self.assertIsInstance(response.json()["suggestions"], list)
        self.assertEqual(self.client.get("/en/search/suggest/", {"q": "dang ky"}).json()["suggestions"], [])

    def test_search_boxes_use_the_static_script(self):
        html = self.client.get("/vi/").content.decode()
        self.assertIn("search/js/search-suggest.js", html)
        self.assertIn('data-suggest-url="/vi/search/suggest/"', html)
        self.assertEqual(re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>", html), [])

    def test_promotions_show_for_the_query_with_or_without_accents_and_hits_are_counted(self):
        page = ProcedurePage.objects.get(code="1.000105.000.00.00.H34")
        SearchPromotion.objects.create(query=Query.get("giấy phép lao động"), page=page, description="Hay tìm")
        SearchPromotion.objects.create(query=Query.get("giay phep lao dong"), page=page, description="Không dấu")
        html = self.search(q="Giấy phép lao động")
        self.assertIn("Gợi ý của Ban biên tập", html)
        self.assertIn("Hay tìm", html)
        self.assertIn("Không dấu", self.search(q="giấy phép lao động"))
        self.assertNotIn("Gợi ý của Ban biên tập", self.search(q="quy hoach"))
        self.assertEqual(Query.get("giấy phép lao động").hits, 2)
        # Paging through results is not a new search.
        self.search(q="giấy phép lao động", page=2)
        self.assertEqual(Query.get("giấy phép lao động").hits, 2)

    def test_queries_without_results_are_logged_and_reported_to_the_editorial_board(self):
        self.search(q="xyzzy qwrtp")
        self.search(q="XYZZY  qwrtp")
        self.search(q="giay phep")
        self.assertEqual(list(UnansweredQuery.objects.values_list("query_string", "hits")), [("xyzzy qwrtp", 2)])

        board = self.structure.editors["BBT"]
        self.client.login(username=board.username, password=PASSWORD)
        response = self.client.get("/admin/reports/unanswered-searches/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "xyzzy qwrtp")
        self.client.logout()

        other = self.structure.editors["VP"]
        self.client.login(username=other.username, password=PASSWORD)
        response = self.client.get("/admin/reports/unanswered-searches/")
        self.assertNotEqual(response.status_code, 200)
