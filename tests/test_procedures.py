"""Procedure records: page tree rules, the printable page with JSON-LD, and the importer (formats,
idempotency by code, per-record errors, exit status)."""

import copy
import csv
import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from wagtail.test.utils import WagtailPageTestCase

from procedures.importer import FIELDS, LIST_FIELDS, import_records, read_file
from procedures.models import ProcedureIndexPage, ProcedurePage
from sections.models import LegalDocumentIndexPage, StandardPage
from tests.helpers import build_demo_structure

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "demo_data" / "procedures.json"


def demo_records(*codes):
    records = json.loads(DEMO.read_text(encoding="utf-8"))
    if codes:
        records = [r for r in records if r["code"] in codes]
    return records


def positioned(records):
    return [(f"record {i}", r) for i, r in enumerate(records, start=1)]


INVESTMENT = "1.009763.000.00.00.H34"
ENVIRONMENT = "1.010001.000.00.00.H34"
WORK_PERMIT = "1.000105.000.00.00.H34"


class ProcedureTreeTests(WagtailPageTestCase):
    def test_parent_and_children(self):
        self.assertAllowedParentPageTypes(ProcedurePage, {ProcedureIndexPage})
        self.assertAllowedSubpageTypes(ProcedurePage, set())
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage, StandardPage})
        self.assertCanCreateAt(ProcedureIndexPage, ProcedurePage)


class ProcedurePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.structure = build_demo_structure()
        report = import_records(positioned(demo_records(INVESTMENT, "1.012004.000.00.00.H34")))
        assert not report.errors, report.errors
        cls.page = ProcedurePage.objects.get(code=INVESTMENT)

    def test_page_shows_the_structured_record_with_json_ld_and_print_css(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Văn bản đề nghị thực hiện dự án đầu tư", html)
        self.assertIn("Mẫu A.I.1", html)
        self.assertIn("procedures/procedure-print.css", html)
        self.assertIn('media="print"', html)
        data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
        self.assertEqual(data["@type"], "GovernmentService")
        self.assertEqual(data["identifier"], INVESTMENT)
        self.assertIn(INVESTMENT, data["availableChannel"]["serviceUrl"])
        self.assertIn(INVESTMENT, html)
        self.assertNotIn("<script>", html.split("</head>")[0].split("ld+json")[0][-200:])

    def test_each_channel_names_how_the_dossier_is_submitted(self):
        html = self.client.get(self.page.url).content.decode()
        channels = html.split("Cách thức thực hiện</h2>")[1].split("</section>")[0]
        self.assertEqual(channels.count("<li>"), len(self.page.channels))
        for channel in self.page.channels:
            label = {"in_person": "Trực tiếp", "online": "Trực tuyến", "post": "Dịch vụ bưu chính"}[
                channel.value["channel"]
            ]
            self.assertIn(f"<strong>{label}</strong>", channels)
        self.assertNotIn("<strong></strong>", html)

    def test_no_online_link_without_online_service(self):
        page = ProcedurePage.objects.get(code="1.012004.000.00.00.H34")
        self.assertEqual(page.online_service_url, "")
        self.assertNotIn("Nộp hồ sơ trực tuyến", self.client.get(page.url).content.decode())

    def test_legal_basis_links_to_the_document_page_when_it_exists(self):
        links = dict((value["number"], doc) for value, doc in self.page.legal_basis_links())
        self.assertIsNone(links["61/2020/QH14"])
        self.assertIn("61/2020/QH14", self.client.get(self.page.url).content.decode())
        from tests.factories import LegalDocumentPageFactory

        documents = LegalDocumentIndexPage.objects.get(locale__language_code="vi")
        document = LegalDocumentPageFactory(parent=documents, number="2150/UBND-KGVX")
        record = demo_records(INVESTMENT)[0]
        record["legal_basis"].append({"number": document.number, "title": "", "date": "", "issuer": ""})
        import_records(positioned([record]))
        page = ProcedurePage.objects.get(code=INVESTMENT)
        self.assertEqual(dict((v["number"], d) for v, d in page.legal_basis_links())[document.number], document)

    def test_code_is_unique_per_language(self):
        from django.core.exceptions import ValidationError

        index = ProcedureIndexPage.objects.get(locale__language_code="vi")
        clone = ProcedurePage(title="Trùng mã", slug="trung-ma", code=INVESTMENT)
        clone.locale_id = index.locale_id
        with self.assertRaises(ValidationError):
            clone.clean()


class ImporterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.structure = build_demo_structure()

    def run_command(self, path, *args):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_procedures", str(path), *args, stdout=out, stderr=err)
            code = 0
        except SystemExit as exit:
            code = exit.code
        return code, out.getvalue(), err.getvalue()

    def write_json(self, records):
        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
        json.dump(records, handle, ensure_ascii=False)
        handle.close()
        self.addCleanup(Path(handle.name).unlink)
        return handle.name

    def test_demo_file_has_enough_realistic_records(self):
        records = demo_records()
        self.assertGreaterEqual(len(records), 40)
        for record in records:
            self.assertEqual(list(record), FIELDS)

    def test_idempotent_by_code_and_changes_become_revisions(self):
        records = demo_records()[:5]
        path = self.write_json(records)
        self.assertEqual(self.run_command(path)[0], 0)
        page = ProcedurePage.objects.get(code=records[0]["code"])
        revisions = page.revisions.count()
        code, out, _err = self.run_command(path)
        self.assertEqual(code, 0)
        self.assertIn("created 0, updated 0, unchanged 5", out)
        self.assertEqual(page.revisions.count(), revisions)

        changed = copy.deepcopy(records)
        changed[0]["processing_time"] = "07 ngày làm việc"
        code, out, _err = self.run_command(self.write_json(changed))
        self.assertEqual(code, 0)
        self.assertIn("created 0, updated 1, unchanged 4", out)
        page = ProcedurePage.objects.get(code=records[0]["code"])
        self.assertEqual(page.processing_time, "07 ngày làm việc")
        self.assertEqual(page.revisions.count(), revisions + 1)
        self.assertTrue(page.live)
        self.assertFalse(page.has_unpublished_changes)
        self.assertEqual(ProcedurePage.objects.filter(code=records[0]["code"]).count(), 1)

    def test_invalid_records_are_reported_and_skipped_valid_ones_imported(self):
        good, bad_level, missing, bad_nested = copy.deepcopy(demo_records()[:4])
        bad_level["online_level"] = "muc_do_4"
        del missing["status"]
        bad_nested["dossier"][0]["originals"] = "hai"
        bad_nested["code"] = "ABC"
        code, out, err = self.run_command(self.write_json([good, bad_level, missing, bad_nested]))
        self.assertEqual(code, 1)
        self.assertIn("record 2: online_level:", err)
        self.assertIn("record 3: status: missing", err)
        self.assertIn("record 4: dossier:", err)
        self.assertIn("record 4: code:", err)
        self.assertIn("created 1,", out)
        self.assertIn("invalid records 3", out)
        self.assertEqual(list(ProcedurePage.objects.values_list("code", flat=True)), [good["code"]])

    def test_duplicate_code_in_file_and_unknown_key(self):
        first, second = copy.deepcopy(demo_records()[:2])
        second["code"] = first["code"]
        first["extra"] = "x"
        code, _out, err = self.run_command(self.write_json([first, second]))
        self.assertEqual(code, 1)
        self.assertIn("record 1: extra: unknown field", err)
        self.assertEqual(ProcedurePage.objects.count(), 1)

    def test_dry_run_writes_nothing(self):
        code, out, _err = self.run_command(self.write_json(demo_records()[:3]), "--dry-run")
        self.assertEqual(code, 0)
        self.assertIn("would have created 3", out)
        self.assertFalse(ProcedurePage.objects.exists())

    def test_unreadable_file(self):
        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        handle.write("{not json")
        handle.close()
        self.addCleanup(Path(handle.name).unlink)
        self.assertEqual(self.run_command(handle.name)[0], 2)
        self.assertEqual(self.run_command("/tmp/procedures.txt")[0], 2)

    def flat_rows(self, records):
        return [
            {k: json.dumps(v, ensure_ascii=False) if k in LIST_FIELDS else v for k, v in record.items()}
            for record in records
        ]

    def test_csv_and_xlsx_give_the_same_pages_as_json(self):
        records = demo_records()[:3]
        import_records(positioned(records))
        directory = Path(tempfile.mkdtemp())
        csv_path = directory / "p.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(self.flat_rows(records))
        report = import_records(read_file(csv_path))
        self.assertEqual((len(report.unchanged), report.errors), (3, []))

        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(FIELDS)
        for row in self.flat_rows(records):
            sheet.append([row[k] for k in FIELDS])
        xlsx_path = directory / "p.xlsx"
        workbook.save(xlsx_path)
        report = import_records(read_file(xlsx_path))
        self.assertEqual((len(report.unchanged), report.errors), (3, []))

        rows = self.flat_rows(records)
        rows[1]["channels"] = "[not json"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        report = import_records(read_file(csv_path))
        self.assertEqual([(e.position, e.field) for e in report.errors], [("row 3", "channels")])

    def test_demo_loader_is_idempotent(self):
        from procedures import demo
        from tests.helpers import demo_context

        demo.load(demo_context())
        count = ProcedurePage.objects.count()
        revisions = sum(p.revisions.count() for p in ProcedurePage.objects.all())
        demo.load(demo_context())
        self.assertEqual(ProcedurePage.objects.count(), count)
        self.assertEqual(sum(p.revisions.count() for p in ProcedurePage.objects.all()), revisions)
        self.assertGreaterEqual(count, 40)


class ProcedureAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        build_demo_structure()

    def setUp(self):
        from django.contrib.auth import get_user_model

        self.user = get_user_model().objects.create_superuser("admin-procedures", "a@example.vn", "pass-12345")
        self.client.force_login(self.user)

    def test_create_a_procedure_through_the_admin(self):
        from wagtail.test.utils.form_data import nested_form_data, streamfield

        index = ProcedureIndexPage.objects.get(locale__language_code="vi")
        data = nested_form_data(
            {
                "title": "Cấp giấy phép thành lập văn phòng đại diện",
                "slug": "cap-giay-phep-van-phong-dai-dien",
                "code": "1.123456.000.00.00.H34",
                "level": "tinh",
                "status": "in_force",
                "online_level": "mot_phan",
                "applicants": streamfield([("applicant", "Thương nhân nước ngoài")]),
                "steps": streamfield([("step", "Nộp hồ sơ.")]),
                "channels": streamfield(
                    [("channel", {"channel": "online", "processing_time": "7 ngày", "fee": "Không"})]
                ),
                "dossier": streamfield([]),
                "legal_basis": streamfield([]),
            }
        )
        self.assertCanCreate(index, ProcedurePage, data)
        page = ProcedurePage.objects.get(code="1.123456.000.00.00.H34")
        self.assertEqual(page.folded_title, "cap giay phep thanh lap van phong dai dien")
        self.assertEqual(page.channels[0].value["channel"], "online")
