"""Moderation through Wagtail workflows, revision history and the audit log, driven through the admin."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sections.models import ArticlePage
from tests.helpers import PASSWORD


def article_form(title, slug, summary="Tóm tắt", department=None):
    """The editor form as a browser posts it (the unit select always sends its value)."""
    data = {
        "title": title,
        "slug": slug,
        "date": "2026-11-10",
        "summary": summary,
        "body": streamfield([("paragraph", rich_text(f"<p>{summary}</p>"))]),
        "attachments": inline_formset([]),
        "tags": "",
    }
    if department is not None:
        data["department"] = department.pk
    return nested_form_data(data)


@pytest.fixture
def qhxd_client(client, demo_structure):
    client.login(username="qhxd-editor", password=PASSWORD)
    return client


def submit_new_article(client, structure, title="Khởi công đường nội bộ KCN Hòa Bình", slug="khoi-cong"):
    section = structure.sections["quy-hoach-xay-dung"]
    data = article_form(title, slug, department=structure.departments["QHXD"])
    data["action-submit"] = "submit"
    response = client.post(reverse("wagtailadmin_pages:add", args=("sections", "articlepage", section.pk)), data)
    assert response.status_code == 302, response.content[:500]
    return ArticlePage.objects.get(slug=slug)


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


@pytest.mark.django_db
class TestModerationWorkflow:
    def test_submit_then_approve_goes_live(self, qhxd_client, client, demo_structure):
        page = submit_new_article(qhxd_client, demo_structure)
        assert not page.live
        assert page.workflow_in_progress
        assert page.current_workflow_task.name == "Ban biên tập phê duyệt"
        # The editorial board is notified of the submission.
        assert any("bbt-editor@example.vn" in m.to for m in mail.outbox)

        client.logout()
        client.login(username="bbt-editor", password=PASSWORD)
        response = workflow_action(client, page, "approve", "Đồng ý đăng.")
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
        assert page.department.code == "QHXD"
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions

    def test_submit_then_reject_stays_draft_with_comment_and_mail(self, qhxd_client, client, demo_structure):
        page = submit_new_article(qhxd_client, demo_structure, slug="bi-tu-choi")
        mail.outbox.clear()
        client.logout()
        client.login(username="bbt-editor", password=PASSWORD)
        workflow_action(client, page, "reject", "Cần bổ sung ảnh và số liệu.")
        page.refresh_from_db()
        assert not page.live
        state = page.workflow_states.order_by("-created_at").first()
        assert state.status == "needs_changes"
        task_state = state.task_states.order_by("-started_at").first()
        assert task_state.status == "rejected"
        assert task_state.comment == "Cần bổ sung ảnh và số liệu."
        to_author = [m for m in mail.outbox if "qhxd-editor@example.vn" in m.to]
        assert to_author, "the author is e-mailed when the board rejects"

    def test_editor_cannot_approve_their_own_submission(self, qhxd_client, demo_structure):
        page = submit_new_article(qhxd_client, demo_structure, slug="tu-duyet")
        workflow_action(qhxd_client, page, "approve")
        page.refresh_from_db()
        assert not page.live

    @pytest.mark.parametrize("empty", ['<p data-block-key="a1"></p>', "<p>  </p>", "<p><br/></p>"])
    def test_empty_paragraph_is_refused_at_submit_not_left_for_the_board(self, qhxd_client, demo_structure, empty):
        """An empty paragraph would pass ``required`` on submit and then block the board's approval."""
        section = demo_structure.sections["quy-hoach-xay-dung"]
        data = article_form("Bài trống", "bai-trong", department=demo_structure.departments["QHXD"])
        data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(empty))])}))
        data["action-submit"] = "submit"
        url = reverse("wagtailadmin_pages:add", args=("sections", "articlepage", section.pk))
        response = qhxd_client.post(url, data)
        assert response.status_code == 200
        errors = response.context["form"].errors.as_data()["body"][0]
        assert "Đoạn văn đang trống" in str(errors.block_errors[0].messages)
        assert not ArticlePage.objects.filter(slug="bai-trong").exists()


@pytest.mark.django_db
class TestRevisions:
    def test_two_edits_two_revisions_and_revert_restores_the_first(self, qhxd_client, demo_structure):
        section = demo_structure.sections["quy-hoach-xay-dung"]
        qhxd = demo_structure.departments["QHXD"]
        add_url = reverse("wagtailadmin_pages:add", args=("sections", "articlepage", section.pk))
        response = qhxd_client.post(add_url, article_form("Bản thứ nhất", "ban-nhap", "Nội dung một", qhxd))
        assert response.status_code == 302
        page = ArticlePage.objects.get(slug="ban-nhap")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        qhxd_client.post(edit_url, article_form("Bản thứ hai", "ban-nhap", "Nội dung hai", qhxd))
        revisions = list(Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk"))
        assert len(revisions) == 2
        assert revisions[0].content["title"] == "Bản thứ nhất"
        assert revisions[1].content["title"] == "Bản thứ hai"

        # The department editor can read the history and compare the revisions of its own page.
        history = qhxd_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert history.status_code == 200
        compare = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0].pk, revisions[1].pk])
        response = qhxd_client.get(compare)
        assert response.status_code == 200
        content = response.content.decode()
        assert "nhất" in content and "hai" in content  # the diff shows the removed and the added word

        # Revert: the revert view loads the first revision into the editor; saving it restores it.
        revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revisions[0].pk])
        response = qhxd_client.get(revert_url)
        assert response.status_code == 200
        assert response.context["form"].initial["title"] == "Bản thứ nhất"
        qhxd_client.post(revert_url, article_form("Bản thứ nhất", "ban-nhap", "Nội dung một", qhxd))
        page.refresh_from_db()
        latest = page.get_latest_revision()
        assert latest.content["title"] == "Bản thứ nhất"
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 3
        assert PageLogEntry.objects.filter(page=page, action="wagtail.revert").exists()

    def test_editor_cannot_read_another_units_history(self, client, demo_structure):
        section = demo_structure.sections["dat-dai-moi-truong"]  # owned by TNMT
        client.login(username="qhxd-editor", password=PASSWORD)
        response = client.get(reverse("wagtailadmin_pages:history", args=[section.pk]))
        assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
