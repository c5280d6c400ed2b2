"""The procedure catalogue listing: facets with counts, Vietnamese-aware search inside it, sorting,
pagination, and bad input."""

import json
import re
from pathlib import Path

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from procedures.importer import import_records
from procedures.models import ProcedureIndexPage, ProcedurePage
from sections.models import Topic
from tests.helpers import build_demo_structure

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "demo_data" / "procedures.json"
FACET = re.compile(r'data-facet="(\w+)"[^>]*>([^<]*)</a> <span class="count">\((\d+)\)')


class ProcedureListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_demo_structure()
        cls.records = json.loads(DEMO.read_text(encoding="utf-8"))
        report = import_records([(str(i), r) for i, r in enumerate(cls.records)])
        assert not report.errors, report.errors
        cls.index = ProcedureIndexPage.objects.get(locale__language_code="vi")

    def get(self, **params):
        response = self.client.get(self.index.url, params)
        self.assertEqual(response.status_code, 200, params)
        return response

    def facets(self, response):
        found = {}
        for param, label, count in FACET.findall(response.content.decode()):
            found.setdefault(param, {})[label] = int(count)
        return found

    def listed_codes(self, response):
        return re.findall(r'<p class="meta">([0-9.A-Z]+)', response.content.decode())

    def test_facet_counts_match_the_records(self):
        facets = self.facets(self.get())
        by_field = {}
        for record in self.records:
            by_field[record["field"]] = by_field.get(record["field"], 0) + 1
        self.assertEqual(facets["linh_vuc"], by_field)
        self.assertEqual(facets["tinh_trang"]["Còn hiệu lực"], sum(r["status"] == "in_force" for r in self.records))
        self.assertEqual(facets["tinh_trang"]["Đã bị thay thế"], sum(r["status"] == "superseded" for r in self.records))
        online = sum(r["online_level"] == "toan_trinh" for r in self.records)
        self.assertEqual(facets["muc_do"]["Dịch vụ công trực tuyến toàn trình"], online)

    def test_selecting_a_facet_filters_and_recounts_the_others(self):
        topic = Topic.objects.get(name_vi="Môi trường")
        response = self.get(linh_vuc=topic.slug)
        expected = sorted(r["code"] for r in self.records if r["field"] == "Môi trường")
        self.assertEqual(sorted(self.listed_codes(response)), expected)
        facets = self.facets(response)
        self.assertEqual(sum(facets["tinh_trang"].values()), len(expected))
        # Its own facet still offers the other fields with their full counts.
        self.assertGreater(len(facets["linh_vuc"]), 1)

        response = self.get(linh_vuc=topic.slug, muc_do="toan_trinh")
        expected = [r for r in self.records if r["field"] == "Môi trường" and r["online_level"] == "toan_trinh"]
        self.assertEqual(len(self.listed_codes(response)), len(expected))
        none = self.get(muc_do="khong")
        self.assertEqual(len(self.listed_codes(none)), sum(r["online_level"] == "" for r in self.records))

    def test_cached_facet_counts_follow_a_publish(self):
        """Facet counts are cached per filter state; publishing a procedure shows in them at once."""
        topic = Topic.objects.get(name_vi="Môi trường")
        before = self.facets(self.get())["linh_vuc"]["Môi trường"]
        self.assertEqual(self.facets(self.get(page=2))["linh_vuc"]["Môi trường"], before)
        record = dict(next(r for r in self.records if r["field"] == "Môi trường"), code="1.999999.000.00.00.H34")
        report = import_records([("new", record)])
        self.assertFalse(report.errors, report.errors)
        self.assertTrue(ProcedurePage.objects.get(code="1.999999.000.00.00.H34").live)
        self.assertEqual(self.facets(self.get())["linh_vuc"]["Môi trường"], before + 1)
        self.assertEqual(ProcedurePage.objects.filter(field=topic, live=True).count(), before + 1)

    def test_search_within_the_catalogue_is_vietnamese_aware(self):
        for query in ["giay phep moi truong", "giấy phép môi trường"]:
            codes = self.listed_codes(self.get(q=query))
            self.assertEqual(codes[0], "1.010001.000.00.00.H34", query)
        response = self.get(q="giay phep lao dong", tinh_trang="in_force")
        self.assertIn("1.000105.000.00.00.H34", self.listed_codes(response)[:5])

    def test_sorting_and_pagination(self):
        by_code = self.listed_codes(self.get(sap_xep="ma"))
        self.assertEqual(by_code, sorted(r["code"] for r in self.records)[:20])
        second = self.listed_codes(self.get(sap_xep="ma", page=2))
        self.assertEqual(second, sorted(r["code"] for r in self.records)[20:40])
        by_title = ProcedurePage.objects.order_by("title", "pk").values_list("code", flat=True)[:20]
        self.assertEqual(self.listed_codes(self.get()), list(by_title))

    def test_bad_input_gives_a_listing(self):
        for params in [
            {"page": "abc"},
            {"page": "-1"},
            {"page": "100000"},
            {"linh_vuc": "khong-co"},
            {"co_quan": "x" * 5000},
            {"muc_do": "\x00"},
            {"tinh_trang": "'; DROP TABLE x; --"},
            {"sap_xep": "lien-quan"},
            {"q": '" * : & | ! ( ) ~ ^', "sap_xep": "lien-quan"},
            {"q": "a" * 5000},
            {"q": "🚀"},
        ]:
            self.get(**params)
        self.assertEqual(self.client.get(self.index.url + "?q=%E0%A4%A&page=%FF").status_code, 200)

    def test_queries_do_not_grow_with_the_number_of_items_shown(self):
        # Warm: menus, settings and facet counts are cached after the first page views (the first view
        # also creates the site's settings row, which starts a new cache generation).
        self.get(sap_xep="ma")
        self.get(sap_xep="ma")
        with CaptureQueriesContext(connection) as full_page:
            self.assertEqual(len(self.listed_codes(self.get(sap_xep="ma"))), 20)
        with CaptureQueriesContext(connection) as short_page:
            self.assertEqual(len(self.listed_codes(self.get(sap_xep="ma", page=3))), len(self.records) - 40)
        # No per-item query: 20 items cost what 7 do (give or take the paginator's links).
        self.assertLessEqual(abs(len(full_page) - len(short_page)), 2)
        self.assertLess(len(full_page), 40)
