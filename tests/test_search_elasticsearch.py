"""Elasticsearch/OpenSearch configuration, checked without a server: the generated settings, index
settings (Vietnamese-folding analyzers), mappings and query bodies. Integration tests run only when
ELASTICSEARCH_URL is set."""

import os
from unittest import skipUnless

from django.test import SimpleTestCase, TestCase

from home.search import backend_query, uses_elasticsearch
from procedures.models import ProcedurePage
from search.backend_settings import VIETNAMESE_INDEX_SETTINGS, search_backends

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def elasticsearch_backend():
    from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

    params = dict(search_backends("http://127.0.0.1:9200", index_prefix="test_portal_")["default"])
    params.pop("BACKEND")
    # Building the backend creates a client object only; nothing connects until a request is made.
    return Elasticsearch9SearchBackend(params)


class BackendSettingsTests(SimpleTestCase):
    def test_database_by_default_with_search_config_at_top_level(self):
        default = search_backends("")["default"]
        self.assertEqual(default["BACKEND"], "wagtail.search.backends.database")
        self.assertEqual(default["SEARCH_CONFIG"], "simple")
        self.assertNotIn("OPTIONS", default)

    def test_elasticsearch_and_opensearch_switch(self):
        elastic = search_backends("http://es:9200", index_prefix="board_")["default"]
        self.assertEqual(elastic["BACKEND"], "wagtail.search.backends.elasticsearch9")
        self.assertEqual(elastic["URLS"], ["http://es:9200"])
        self.assertEqual(elastic["INDEX_PREFIX"], "board_")
        self.assertIs(elastic["INDEX_SETTINGS"], VIETNAMESE_INDEX_SETTINGS)
        opensearch = search_backends("http://a:9200, http://b:9200", engine="OpenSearch")["default"]
        self.assertEqual(opensearch["BACKEND"], "wagtail.search.backends.opensearch3")
        self.assertEqual(opensearch["URLS"], ["http://a:9200", "http://b:9200"])
        with self.assertRaises(ValueError):
            search_backends("http://es:9200", engine="solr")

    def test_analyzers_fold_vietnamese_keeping_the_original(self):
        backend = elasticsearch_backend()
        analysis = backend.settings["settings"]["analysis"]
        self.assertEqual(analysis["filter"]["vietnamese_folding"], {"type": "asciifolding", "preserve_original": True})
        for name in ("default", "ngram_analyzer", "edgengram_analyzer"):
            self.assertIn("vietnamese_folding", analysis["analyzer"][name]["filter"], name)
        # Wagtail's own n-gram filters are still defined (deep-merged, not replaced).
        self.assertIn("edgengram", analysis["filter"])
        self.assertEqual(backend.index_prefix, "test_portal_")


class MappingAndQueryTests(TestCase):
    def test_mapping_indexes_procedure_fields_and_folded_copies(self):
        backend = elasticsearch_backend()
        mapping = backend.mapping_class(ProcedurePage).get_mapping()
        properties = mapping["properties"]
        names = set(properties)
        for field in ("code", "search_folded", "autocomplete_folded", "steps", "dossier"):
            self.assertTrue(any(field in name for name in names), (field, sorted(names)))
        self.assertEqual(properties["_edgengrams"]["analyzer"], "edgengram_analyzer")
        status = next(v for k, v in properties.items() if k.endswith("status_filter"))
        self.assertEqual(status["type"], "keyword")

    def test_query_body_is_fuzzy_or_with_the_words_as_typed(self):
        backend = elasticsearch_backend()
        self.assertTrue(uses_elasticsearch(backend))
        query = backend_query('đăng ký "đầu tư" *', backend)
        self.assertEqual((query.query_string, query.operator), ("đăng ký đầu tư", "or"))
        compiler = backend.query_compiler_class(ProcedurePage.objects.live(), query)
        body = compiler.get_query()
        text = str(body)
        self.assertIn("'fuzziness': 'AUTO'", text)
        self.assertIn("đăng ký đầu tư", text)
        self.assertNotIn("'operator': 'and'", text)

    def test_database_backend_gets_the_folded_words(self):
        self.assertFalse(uses_elasticsearch())
        self.assertEqual(backend_query("Đăng ký: ĐẦU TƯ!"), "dang ky dau tu")
        self.assertIsNone(backend_query("* : ( )"))


@skipUnless(ES_URL, "set ELASTICSEARCH_URL (and run update_index) to run the Elasticsearch integration tests")
class ElasticsearchIntegrationTests(TestCase):
    def test_unaccented_query_finds_the_accented_title(self):
        from django.core.management import call_command

        from home.search import vietnamese_search
        from procedures.importer import import_records
        from tests.helpers import build_demo_structure
        from tests.test_procedures import demo_records, positioned

        build_demo_structure()
        import_records(positioned(demo_records("1.009763.000.00.00.H34", "1.010001.000.00.00.H34")))
        call_command("update_index", verbosity=0)
        results = vietnamese_search(ProcedurePage.objects.live(), "giay phep moi truogn")
        self.assertEqual(results[0].code, "1.010001.000.00.00.H34")
