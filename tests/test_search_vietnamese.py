"""Vietnamese-aware search on the database backend (SQLite and PostgreSQL): folding, đ typed as d,
mixed input, exact-diacritic ranking, autocomplete folding, typo fallback, site search and bad input,
and the PostgreSQL indexes added by migrations."""

import copy
import importlib
import json
from pathlib import Path
from unittest import skipUnless

from django.db import connection
from django.test import SimpleTestCase, TestCase

from home.search import vietnamese_autocomplete, vietnamese_search
from home.text import fold_for_search
from procedures.importer import import_records
from procedures.models import ProcedurePage
from procedures.search import similar_procedures
from tests.helpers import build_demo_structure

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "demo_data" / "procedures.json"
INVESTMENT = "1.009763.000.00.00.H34"
CODES = [
    INVESTMENT,
    "1.009764.000.00.00.H34",
    "1.009974.000.00.00.H34",
    "1.009977.000.00.00.H34",
    "1.010001.000.00.00.H34",
    "1.010005.000.00.00.H34",
    "1.000105.000.00.00.H34",
    "2.000201.000.00.00.H34",
    "1.012002.000.00.00.H34",
    "1.008403.000.00.00.H34",
]
FUEL = "1.099001.H34"


def titles(pages):
    return [page.title for page in pages]


class FoldingTests(SimpleTestCase):
    def test_fold_for_search(self):
        self.assertEqual(fold_for_search("Đăng ký ĐẦU TƯ"), "dang ky dau tu")
        self.assertEqual(fold_for_search("Quy hoạch  Đình Vũ"), "quy hoach dinh vu")
        self.assertEqual(fold_for_search("giấy phép môi trường"), "giay phep moi truong")


class VietnameseSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_demo_structure()
        records = [r for r in json.loads(DEMO.read_text(encoding="utf-8")) if r["code"] in CODES]
        fuel = copy.deepcopy(records[0])
        fuel.update(code=FUEL, name="Cấp giấy phép kinh doanh xăng dầu trong khu kinh tế", field="Thương mại")
        fuel["steps"] = ["Nộp hồ sơ."]
        fuel["dossier"] = [{"name": "Đơn đề nghị", "originals": 1, "copies": 0, "form": ""}]
        fuel["legal_basis"] = []
        report = import_records([(str(i), r) for i, r in enumerate(records + [fuel])])
        assert not report.errors, report.errors
        cls.procedures = ProcedurePage.objects.live()

    def search(self, query):
        return vietnamese_search(self.procedures, query, fallback=similar_procedures)

    def test_with_or_without_diacritics_and_mixed_find_the_same_records(self):
        expected = None
        for query in ["Đăng ký đầu tư", "dang ky dau tu", "DANG KY DAU TU", "đăng ky dau tư", "Dang ký đau tu"]:
            results = self.search(query)
            self.assertIn("Cấp Giấy chứng nhận đăng ký đầu tư", " ".join(titles(results[:2])), query)
            found = {page.pk for page in results}
            expected = expected or found
            self.assertEqual(found, expected, query)

    def test_d_typed_for_đ(self):
        results = self.search("dieu chinh giay phep xay dung")
        self.assertEqual(results[0].title, "Điều chỉnh giấy phép xây dựng")
        self.assertEqual(self.search("Điều chỉnh giấy phép xây dựng")[0].title, "Điều chỉnh giấy phép xây dựng")

    def test_quy_hoach(self):
        self.assertIn("quy hoạch", self.search("quy hoach")[0].title)

    def test_giay_phep_moi_truong(self):
        self.assertEqual(self.search("giay phep moi truong")[0].title, "Cấp giấy phép môi trường")

    def test_filler_words_do_not_empty_the_results(self):
        results = self.search("xin cấp giay phep lao dong cho nguoi nuoc ngoai")
        self.assertEqual(results[0].code, "1.000105.000.00.00.H34")

    def test_exact_diacritic_matches_rank_first(self):
        self.assertEqual(self.search("dầu")[0].code, FUEL)
        self.assertNotEqual(self.search("đầu")[0].code, FUEL)
        folded = {page.pk for page in self.search("dau")}
        self.assertIn(ProcedurePage.objects.get(code=FUEL).pk, folded)
        self.assertIn(ProcedurePage.objects.get(code=INVESTMENT).pk, folded)

    def test_autocomplete_folds_the_same_way(self):
        for prefix in ["dang ky d", "Đăng ký đ", "đang ky đâ"]:
            self.assertIn(
                "Cấp Giấy chứng nhận đăng ký đầu tư",
                " ".join(titles(vietnamese_autocomplete(self.procedures, prefix))),
                prefix,
            )
        self.assertEqual(
            titles(vietnamese_autocomplete(self.procedures, "giay phep moi")),
            titles(vietnamese_autocomplete(self.procedures, "giấy phép môi")),
        )

    def test_typos_tolerated(self):
        self.assertIn("xây dựng", " ".join(titles(self.search("giay phep xay dugn")[:2])))
        close = titles(similar_procedures("giay phep moi truogn"))
        self.assertIn("Cấp giấy phép môi trường", close)
        self.assertEqual(similar_procedures("zzzz qqqq"), [])

    def test_site_search_page(self):
        response = self.client.get("/vi/search/", {"q": "dang ky dau tu"})
        self.assertEqual(response.status_code, 200)
        url = ProcedurePage.objects.get(code=INVESTMENT).url
        self.assertContains(response, url)
        english = self.client.get("/en/search/", {"q": "dang ky dau tu"})
        self.assertEqual(english.status_code, 200)
        self.assertNotContains(english, url)

    def test_bad_input_never_fails(self):
        queries = [
            "",
            "a" * 5000,
            '" * : & | ! ( ) ~ ^',
            "'; DROP TABLE wagtailcore_page; --",
            "1' OR '1'='1",
            "dau\x00tu",
            "đầu tư 🚀🏭",
            "AND OR NOT",
            "-",
        ]
        for query in queries:
            for page in ["1", "0", "-3", "abc", "99999"]:
                response = self.client.get("/vi/search/", {"q": query, "page": page})
                self.assertEqual(response.status_code, 200, (query, page))
        for raw in ["q=%00", "q=%E0%A4%A", "q=%ZZ&page=%FF", "q=dau%20tu&page=1e9"]:
            self.assertEqual(self.client.get("/vi/search/?" + raw).status_code, 200, raw)
        self.assertTrue(ProcedurePage.objects.filter(code=INVESTMENT).exists())


class IndexMigrationTests(TestCase):
    """The PostgreSQL indexes; on other databases the migrations must do nothing."""

    migrations = [
        ("search.migrations.0001_indexentry_title_body_index", "search_indexentry_title_body_gin"),
        ("procedures.migrations.0004_folded_title_trigram", "procedures_folded_title_trgm"),
    ]

    def test_noop_on_other_databases(self):
        class Refusing:
            class connection:
                vendor = "sqlite"

            def execute(self, sql):
                raise AssertionError(f"executed {sql}")

        for module_name, _index in self.migrations:
            module = importlib.import_module(module_name)
            module.forwards(None, Refusing())
            module.backwards(None, Refusing())

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL-only indexes (run with DATABASE_URL=postgres://...)")
    def test_indexes_exist_and_are_reversible(self):
        def index_names():
            with connection.cursor() as cursor:
                cursor.execute("SELECT indexname FROM pg_indexes")
                return {row[0] for row in cursor.fetchall()}

        for module_name, index in self.migrations:
            module = importlib.import_module(module_name)
            self.assertIn(index, index_names())
            with connection.schema_editor() as editor:
                module.backwards(None, editor)
            self.assertNotIn(index, index_names())
            with connection.schema_editor() as editor:
                module.forwards(None, editor)
            self.assertIn(index, index_names())

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL-only query plan")
    def test_backend_filters_on_the_indexed_expression(self):
        from wagtail.models import Page

        # The backend's filter is exactly the expression the migration indexes...
        plan = Page.objects.search("dau tu", operator="or").get_queryset().explain()
        self.assertIn("(title || body) @@", plan)
        # ...and PostgreSQL answers that filter from the index (forced here: the test table is tiny).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ 'dau | tu'::tsquery"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("search_indexentry_title_body_gin", plan)
