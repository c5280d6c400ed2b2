"""The monthly quota statistics: each counting rule, the reports, their exports and permissions."""

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale

from sections.models import ArticlePage, EditorialSettings
from sections.statistics import Month, days_left, monthly_quota, yearly_quota
from tests.factories import ArticlePageFactory
from tests.helpers import PASSWORD

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HCM)


def publish(section, department, when, **kwargs):
    page = ArticlePageFactory(parent=section, department=department, **kwargs)
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.refresh_from_db()
    return page


def counts(month, structure=None):
    return {row.code: row.published for row in monthly_quota(month)}


@pytest.fixture
def s(demo_structure):
    return demo_structure


@pytest.mark.django_db
class TestCountingRules:
    def test_local_month_boundaries_not_utc(self, s):
        news, tnmt = s.sections["tin-tuc-su-kien"], s.departments["TNMT"]
        late = publish(news, tnmt, at(2026, 10, 31, 23, 30))
        early = publish(news, tnmt, at(2026, 11, 1, 0, 30))
        # Both are the same UTC day (31 October) ...
        assert late.first_published_at.astimezone(datetime.UTC).date() == datetime.date(2026, 10, 31)
        assert early.first_published_at.astimezone(datetime.UTC).date() == datetime.date(2026, 10, 31)
        # ... but different local months.
        assert counts(Month(2026, 10))["TNMT"] == 1
        assert counts(Month(2026, 11))["TNMT"] == 1
        october = {r.code: r for r in monthly_quota(Month(2026, 10))}["TNMT"]
        assert [i.page.pk for i in october.items] == [late.pk]

    def test_counts_for_the_attributed_department_not_the_section_owner(self, s):
        publish(s.sections["tin-tuc-su-kien"], s.departments["QLDN"], at(2026, 9, 10, 9))
        result = counts(Month(2026, 9))
        assert result["QLDN"] == 1
        assert "BBT" not in result  # the editorial board has no quota unless one is set

    def test_translation_counts_once(self, s):
        from home.translation import translate_page

        article = publish(s.sections["tin-tuc-su-kien"], s.departments["QLDT"], at(2026, 9, 5, 9))
        english = translate_page(article, "en", {article.title: "Investment news"})
        assert english.locale == Locale.objects.get(language_code="en")
        assert english.first_published_at is not None
        assert counts(Month(2026, 9))["QLDT"] == 1
        # Even when the translation is published in a later month, nothing moves.
        ArticlePage.objects.filter(pk=english.pk).update(first_published_at=at(2026, 10, 2, 9))
        assert counts(Month(2026, 9))["QLDT"] == 1
        assert counts(Month(2026, 10))["QLDT"] == 0

    def test_alias_never_counts(self, s):
        article = publish(s.sections["dat-dai-moi-truong"], s.departments["TNMT"], at(2026, 9, 5, 9))
        article.create_alias(parent=s.sections["tin-tuc-su-kien"], update_slug="ban-sao")
        assert ArticlePage.objects.filter(alias_of=article).exists()
        assert counts(Month(2026, 9))["TNMT"] == 1

    def test_unpublished_still_counts_and_is_flagged(self, s):
        article = publish(s.sections["quy-hoach-xay-dung"], s.departments["QHXD"], at(2026, 9, 5, 9))
        article.unpublish()
        row = {r.code: r for r in monthly_quota(Month(2026, 9))}["QHXD"]
        assert row.published == 1
        assert row.unpublished_count == 1
        assert row.items[0].live is False

    def test_deleted_does_not_count(self, s):
        article = publish(s.sections["quy-hoach-xay-dung"], s.departments["QHXD"], at(2026, 9, 5, 9))
        assert counts(Month(2026, 9))["QHXD"] == 1
        article.delete()
        assert counts(Month(2026, 9))["QHXD"] == 0

    def test_republishing_later_does_not_move_the_month(self, s):
        article = publish(s.sections["quy-hoach-xay-dung"], s.departments["QHXD"], at(2026, 8, 20, 9))
        article.title = "Cập nhật"
        article.save_revision().publish()
        article.refresh_from_db()
        assert article.first_published_at == at(2026, 8, 20, 9)
        assert counts(Month(2026, 8))["QHXD"] == 1
        assert counts(Month.current())["QHXD"] == 0

    def test_drafts_never_count(self, s):
        ArticlePageFactory(parent=s.sections["quy-hoach-xay-dung"], department=s.departments["QHXD"], live=False)
        assert counts(Month.current())["QHXD"] == 0

    def test_quota_default_and_per_department_override(self, s):
        khth = s.departments["KHTH"]
        news = s.sections["tin-tuc-su-kien"]
        publish(news, khth, at(2026, 9, 1, 9))
        publish(news, khth, at(2026, 9, 2, 9))
        row = {r.code: r for r in monthly_quota(Month(2026, 9))}["KHTH"]
        assert (row.quota, row.met) == (2, True)
        khth.monthly_quota = 3
        khth.save()
        row = {r.code: r for r in monthly_quota(Month(2026, 9))}["KHTH"]
        assert (row.quota, row.met, row.missing) == (3, False, 1)
        settings_obj = EditorialSettings.load()
        settings_obj.default_monthly_quota = 1
        settings_obj.save()
        assert {r.code: r.quota for r in monthly_quota(Month(2026, 9))}["VP"] == 1

    def test_counted_page_types_are_configuration(self, s):
        publish(s.sections["tin-tuc-su-kien"], s.departments["VP"], at(2026, 9, 1, 9))
        assert counts(Month(2026, 9))["VP"] == 1
        with override_settings(PORTAL_COUNTED_PAGE_TYPES=[]):
            assert counts(Month(2026, 9))["VP"] == 0

    def test_year_view(self, s):
        news, vp = s.sections["tin-tuc-su-kien"], s.departments["VP"]
        for month in (1, 1, 2, 2, 3):
            publish(news, vp, at(2025, month, 10, 9))
        rows = {r.code: r for r in yearly_quota(2025)}
        assert rows["VP"].counts[:4] == [2, 2, 1, 0]
        assert rows["VP"].total == 5
        assert rows["VP"].months_met == 2  # January and February, of 12 elapsed months

    def test_month_parsing_and_days_left(self):
        assert Month.parse("2026-02") == Month(2026, 2)
        for bad in ("2026-13", "abc", "", "2026/11", "99999-01"):
            with pytest.raises(ValueError):
                Month.parse(bad)
        assert days_left(Month(2026, 11), now=at(2026, 11, 20, 10)) == 11
        assert days_left(Month(2026, 11), now=at(2026, 12, 1, 10)) == 0


def report_rows(response):
    return {row.code: row for row in response.context["rows"]}


@pytest.mark.django_db
class TestQuotaReports:
    url = reverse("sections_reports:quota_month")

    def test_board_sees_every_unit_and_a_department_only_its_own(self, client, s):
        publish(s.sections["tin-tuc-su-kien"], s.departments["TNMT"], at(2026, 9, 3, 9))
        client.login(username="bbt-editor", password=PASSWORD)
        response = client.get(self.url, {"month": "2026-09"})
        assert response.status_code == 200
        assert set(report_rows(response)) == {"VP", "QLDT", "QHXD", "TNMT", "QLDN", "KHTH", "DTPTHT", "DANGDOAN"}
        assert "Quy tắc đếm" in response.content.decode()
        client.logout()
        client.login(username="tnmt-editor", password=PASSWORD)
        response = client.get(self.url, {"month": "2026-09"})
        assert set(report_rows(response)) == {"TNMT"}
        assert report_rows(response)["TNMT"].published == 1
        # Nor can the export be used to see other units.
        response = client.get(self.url, {"month": "2026-09", "export": "csv"})
        lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert [line[0] for line in lines[1:]] == ["TNMT"]

    def test_csv_and_xlsx_exports_match_the_screen(self, client, s):
        news = s.sections["tin-tuc-su-kien"]
        for code, n in (("VP", 3), ("QLDT", 1)):
            for day in range(1, n + 1):
                publish(news, s.departments[code], at(2026, 9, day, 9))
        client.login(username="bbt-editor", password=PASSWORD)
        screen = {
            code: (row.published, row.quota, row.met)
            for code, row in report_rows(client.get(self.url, {"month": "2026-09"})).items()
        }
        response = client.get(self.url, {"month": "2026-09", "export": "csv"})
        assert response["Content-Disposition"].endswith('thong-ke-tin-bai-2026-09.csv"')
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        from_csv = {r[0]: (int(r[2]), int(r[3]), r[4] == "True") for r in rows[1:]}
        assert from_csv == screen
        response = client.get(self.url, {"month": "2026-09", "export": "xlsx"})
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        sheet = workbook.active
        values = list(sheet.iter_rows(values_only=True))
        from_xlsx = {r[0]: (int(r[2]), int(r[3]), r[4] in (True, "True")) for r in values[1:]}
        assert from_xlsx == screen
        assert screen["VP"] == (3, 2, True) and screen["QLDT"] == (1, 3, False)

    def test_year_report_and_export(self, client, s):
        publish(s.sections["tin-tuc-su-kien"], s.departments["VP"], at(2025, 3, 3, 9))
        client.login(username="bbt-editor", password=PASSWORD)
        url = reverse("sections_reports:quota_year")
        response = client.get(url, {"year": "2025"})
        assert response.status_code == 200
        assert report_rows(response)["VP"].counts[2] == 1
        response = client.get(url, {"year": "2025", "export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        vp = next(r for r in rows if r[0] == "VP")
        assert vp[2:14] == ["0", "0", "1"] + ["0"] * 9
        assert vp[14] == "1"

    def test_printable_pages(self, client, s):
        client.login(username="bbt-editor", password=PASSWORD)
        response = client.get(self.url, {"month": "2026-09", "print": "1"})
        assert response.status_code == 200
        assert b"<svg" in response.content and b"data-print" in response.content
        assert b"wagtail" not in response.content.lower().split(b"<body")[1][:2000]  # no admin chrome
        response = client.get(reverse("sections_reports:quota_year"), {"year": "2026", "print": "1"})
        assert response.status_code == 200

    def test_bad_parameters_give_a_message_not_an_error(self, client, s):
        client.login(username="bbt-editor", password=PASSWORD)
        for params in ({"month": "2026-13"}, {"month": "x\x00"}, {"month": "9" * 500}):
            response = client.get(self.url, params)
            assert response.status_code == 200
            assert response.context["month"] == Month.current()
        response = client.get(reverse("sections_reports:quota_year"), {"year": "abc"})
        assert response.status_code == 200

    def test_dashboard_panel(self, client, s):
        publish(s.sections["tin-tuc-su-kien"], s.departments["QLDN"], datetime.datetime.now(tz=HCM))
        client.login(username="qldn-editor", password=PASSWORD)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "tháng này: 1 / 2 tin bài" in html
        assert f"còn {days_left(Month.current())} ngày" in html
        client.logout()
        client.login(username="bbt-editor", password=PASSWORD)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "đơn vị chưa đạt chỉ tiêu tháng này" in html
        assert "Phòng Quản lý doanh nghiệp: 1/2" in html


@pytest.mark.django_db
def test_quota_report_command(s):
    publish(s.sections["tin-tuc-su-kien"], s.departments["VP"], at(2026, 9, 3, 9))
    publish(s.sections["tin-tuc-su-kien"], s.departments["VP"], at(2026, 9, 4, 9))
    out = io.StringIO()
    call_command("quota_report", month="2026-09", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0] == {"department": "VP", "published": "2", "quota": "2", "met": "yes"}
    assert len(rows) == 8
    out = io.StringIO()
    call_command("quota_report", month="2026-09", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["month"] == "2026-09" and data["rows"][1]["department"] == "QLDT"
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("quota_report", month="2026-13", stdout=io.StringIO())
