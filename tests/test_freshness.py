"""Content freshness: due dates per page type, the review report per department, the one-click
"reviewed" action, flagged expired documents, and the weekly overdue digest."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from sections.freshness import add_months, review_items
from sections.models import ContentReview, StandardPage
from sections.reminders import send_quota_reminders
from tests.factories import LegalDocumentPageFactory, StandardPageFactory
from tests.helpers import PASSWORD


def published(page, when):
    type(page).objects.filter(pk=page.pk).update(last_published_at=when, first_published_at=when)
    page.refresh_from_db()
    return page


def local(day):
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())


@pytest.mark.django_db
class TestReviewSchedule:
    def test_default_interval_per_page_type(self, demo_structure):
        section = demo_structure.sections["quy-hoach-xay-dung"]
        page = published(StandardPageFactory(parent=section), local(datetime.date(2026, 1, 10)))
        due = {i.page.pk: i for i in review_items(today=datetime.date(2027, 1, 9))}
        assert page.pk not in due  # StandardPage: every 12 months
        item = {i.page.pk: i for i in review_items(today=datetime.date(2027, 1, 12))}[page.pk]
        assert item.due == datetime.date(2027, 1, 10) and item.overdue_days == 2
        assert item.department.code == "QHXD"
        with override_settings(PORTAL_REVIEW_INTERVALS={"sections.StandardPage": 3}):
            assert page.pk in {i.page.pk for i in review_items(today=datetime.date(2026, 4, 10))}

    def test_explicit_review_date_wins(self, demo_structure):
        page = published(StandardPageFactory(parent=demo_structure.sections["iso"]), local(datetime.date(2026, 1, 10)))
        ContentReview.objects.create(page=page, review_by=datetime.date(2026, 3, 1))
        assert page.pk in {i.page.pk for i in review_items(today=datetime.date(2026, 3, 1))}

    def test_expired_legal_documents_are_flagged_at_once(self, demo_structure):
        index = demo_structure.sections["van-ban"]
        expired = LegalDocumentPageFactory(parent=index, expiry_date=datetime.date(2025, 1, 1))
        current = LegalDocumentPageFactory(parent=index)
        items = {i.page.pk: i for i in review_items()}
        assert items[expired.pk].flag == "Hết hiệu lực"
        assert current.pk not in items
        assert review_items()[0].is_overdue

    def test_add_months(self):
        assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


@pytest.mark.django_db
class TestReviewReport:
    def test_department_sees_its_own_pages_and_marks_them_reviewed(self, client, demo_structure):
        s = demo_structure
        old = local(datetime.date(2024, 1, 1))
        own = published(StandardPageFactory(parent=s.sections["quy-hoach-xay-dung"], title="Quy hoạch chung"), old)
        other = published(StandardPageFactory(parent=s.sections["dat-dai-moi-truong"], title="Quan trắc"), old)
        client.login(username="qhxd-editor", password=PASSWORD)
        response = client.get(reverse("sections_reports:review"))
        titles = [item.title for item in response.context["object_list"]]
        assert "Quy hoạch chung" in titles and "Quan trắc" not in titles
        response = client.post(reverse("sections_reports:mark_reviewed", args=[own.pk]), {"review_by": "2099-01-01"})
        assert response.status_code == 302
        review = ContentReview.objects.get(page=own)
        assert review.last_reviewed_by.username == "qhxd-editor" and review.review_by == datetime.date(2099, 1, 1)
        assert PageLogEntry.objects.filter(page=own, action="portal.reviewed").exists()
        assert own.pk not in {i.page.pk for i in review_items()}
        # Another unit's page: refused.
        response = client.post(reverse("sections_reports:mark_reviewed", args=[other.pk]))
        assert response.status_code in (302, 403) and not ContentReview.objects.filter(page=other).exists()

    def test_bad_dates_and_methods(self, client, demo_structure):
        page = StandardPageFactory(parent=demo_structure.sections["iso"])
        client.login(username="vp-editor", password=PASSWORD)
        url = reverse("sections_reports:mark_reviewed", args=[page.pk])
        assert client.get(url).status_code == 405
        for value in ("31/12/2099", "2000-01-01", "\x00"):
            client.post(url, {"review_by": value})
            assert not ContentReview.objects.filter(page=page).exists()
        assert client.get(reverse("sections_reports:review"), {"trong": "abc"}).status_code == 200

    def test_export(self, client, demo_structure):
        LegalDocumentPageFactory(
            parent=demo_structure.sections["van-ban"], expiry_date=datetime.date(2025, 1, 1), title="Văn bản cũ"
        )
        client.login(username="bbt-editor", password=PASSWORD)
        response = client.get(reverse("sections_reports:review"), {"export": "csv"})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Văn bản cũ" in content and "Hết hiệu lực" in content


@pytest.mark.django_db
def test_weekly_digest_of_overdue_pages(demo_structure):
    page = published(
        StandardPageFactory(parent=demo_structure.sections["dat-dai-moi-truong"], title="Kết quả quan trắc quý I"),
        local(datetime.date(2024, 1, 1)),
    )
    assert isinstance(page, StandardPage)
    monday = datetime.date(2026, 11, 16)
    assert monday.weekday() == 0
    send_quota_reminders(today=monday)
    digests = [m for m in mail.outbox if "cần rà soát" in m.subject]
    assert {m.to[0] for m in digests} >= {"tnmt-editor@example.vn"}
    assert "Kết quả quan trắc quý I" in next(m for m in digests if m.to == ["tnmt-editor@example.vn"]).body
    count = len(mail.outbox)
    send_quota_reminders(today=monday)
    assert len(mail.outbox) == count
    send_quota_reminders(today=monday + datetime.timedelta(days=1))  # Tuesday: no digest
    assert len([m for m in mail.outbox if "cần rà soát" in m.subject]) == len(digests)


@pytest.mark.django_db
def test_superseded_procedures_are_flagged(demo_structure):
    from procedures.models import ProcedurePage, ProcedureStatus

    index = demo_structure.sections["thu-tuc-hanh-chinh"]
    procedure = ProcedurePage(title="Cấp giấy phép cũ", slug="giay-phep-cu", code="1.000001.H34",
                              status=ProcedureStatus.SUPERSEDED)  # fmt: skip
    index.add_child(instance=procedure)
    procedure.save_revision().publish()
    item = {i.page.pk: i for i in review_items()}[procedure.pk]
    assert item.flag == "Đã bị thay thế"
    assert item.department.code == "VP"
