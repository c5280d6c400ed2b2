"""Procedures through Wagtail's API v2: structured fields, Vietnamese-aware search, bad input."""

from django.test import TestCase

from procedures.importer import import_records
from procedures.models import ProcedurePage
from tests.helpers import build_demo_structure
from tests.test_procedures import demo_records, positioned

ENVIRONMENT = "1.010001.000.00.00.H34"
INVESTMENT = "1.009763.000.00.00.H34"


class ProcedureAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_demo_structure()
        report = import_records(positioned(demo_records(ENVIRONMENT, INVESTMENT, "1.010004.000.00.00.H34")))
        assert not report.errors, report.errors

    def test_listing_has_procedures_only_with_their_codes(self):
        data = self.client.get("/api/v2/procedures/").json()
        self.assertEqual(data["meta"]["total_count"], 3)
        self.assertEqual({item["code"] for item in data["items"]}, {ENVIRONMENT, INVESTMENT, "1.010004.000.00.00.H34"})
        self.assertEqual(
            self.client.get("/api/v2/procedures/", {"type": "sections.ArticlePage"}).json()["meta"]["total_count"], 3
        )

    def test_detail_has_structured_fields(self):
        page = ProcedurePage.objects.get(code=INVESTMENT)
        data = self.client.get(f"/api/v2/procedures/{page.pk}/").json()
        self.assertEqual(data["code"], INVESTMENT)
        self.assertEqual(data["status"], "in_force")
        self.assertEqual(data["online_level"], "toan_trinh")
        self.assertIn(INVESTMENT, data["online_service_url"])
        channel = data["channels"][0]["value"]
        self.assertEqual(set(channel), {"channel", "processing_time", "fee"})
        component = data["dossier"][0]["value"]
        self.assertEqual(component["name"], "Văn bản đề nghị thực hiện dự án đầu tư")
        self.assertEqual((component["originals"], component["copies"], component["form_name"]), (1, 0, "Mẫu A.I.1"))
        law = data["legal_basis"][0]["value"]
        self.assertEqual((law["number"], law["date"]), ("61/2020/QH14", "2020-06-17"))
        self.assertEqual(data["effective_date"], page.effective_date.isoformat())
        self.assertTrue(data["steps"][0]["value"].startswith("Bước 1"))

    def test_search_is_vietnamese_aware(self):
        for query in ["giay phep moi truong", "giấy phép môi trường"]:
            items = self.client.get("/api/v2/procedures/", {"search": query}).json()["items"]
            self.assertEqual(items[0]["code"], ENVIRONMENT, query)

    def test_bad_input_is_a_clear_response(self):
        for params in [{"search": "\x00"}, {"search": '" * : & | ! ( ) ~ ^'}, {"search": "x" * 5000}, {"search": "🚀"}]:
            self.assertEqual(self.client.get("/api/v2/procedures/", params).status_code, 200, params)
        for params in [{"limit": "abc"}, {"offset": "-1"}, {"order": "zzz"}, {"fields": "nope"}]:
            self.assertEqual(self.client.get("/api/v2/procedures/", params).status_code, 400, params)
        # (LocaleMiddleware first tries the /vi/ prefix for an unknown path; that ends in a 404.)
        self.assertEqual(self.client.get("/api/v2/procedures/999999/", follow=True).status_code, 404)
