"""Admin screens: departments are administrators' data; Q&A is answered by its section's owner and the board."""

import pytest
from django.urls import reverse

from sections.models import Department, Question
from tests.factories import QuestionFactory
from tests.helpers import PASSWORD


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_sections_{model._meta.model_name}:{action}", args=args)


@pytest.mark.django_db
class TestQuestionAdmin:
    def test_owner_of_the_qa_section_and_the_board_answer_questions(self, client, demo_structure):
        question = QuestionFactory()
        for username in ("vp-editor", "bbt-editor"):
            client.login(username=username, password=PASSWORD)
            assert client.get(snippet_url(Question, "list")).status_code == 200, username
            response = client.post(
                snippet_url(Question, "edit", question.pk),
                {
                    "asker_name": question.asker_name,
                    "email": question.email,
                    "phone": "",
                    "organisation": "",
                    "title": question.title,
                    "question": question.question,
                    "answer": f"Trả lời của {username}.",
                    "answered_by": "Văn phòng",
                    "status": Question.Status.ANSWERED,
                },
            )
            assert response.status_code == 302, username
            question.refresh_from_db()
            assert question.answer == f"Trả lời của {username}."
            assert question.answered_at is not None

    def test_publishing_without_an_answer_is_refused_with_a_message(self, client, demo_structure):
        question = QuestionFactory()
        client.login(username="vp-editor", password=PASSWORD)
        response = client.post(
            snippet_url(Question, "edit", question.pk),
            {
                "asker_name": question.asker_name,
                "email": question.email,
                "title": question.title,
                "question": question.question,
                "answer": "",
                "status": Question.Status.ANSWERED,
            },
        )
        assert response.status_code == 200
        assert "answer" in response.context["form"].errors
        question.refresh_from_db()
        assert question.status == Question.Status.NEW

    def test_other_departments_cannot_see_questions(self, client, demo_structure):
        client.login(username="qhxd-editor", password=PASSWORD)
        response = client.get(snippet_url(Question, "list"))
        assert response.status_code in (302, 403)


@pytest.mark.django_db
class TestDepartmentAdmin:
    def test_only_administrators_manage_departments(self, client, demo_structure, admin_user):
        client.login(username="bbt-editor", password=PASSWORD)
        assert client.get(snippet_url(Department, "list")).status_code in (302, 403)
        client.force_login(admin_user)
        response = client.get(snippet_url(Department, "list"))
        assert response.status_code == 200
        assert "QHXD" in response.content.decode()

    def test_creating_a_department_creates_its_group_and_collection(self, client, demo_structure, admin_user):
        client.force_login(admin_user)
        response = client.post(
            snippet_url(Department, "add"),
            {"code": "TTXTDT", "name_vi": "Trung tâm Xúc tiến đầu tư", "name_en": "Investment Promotion Centre",
             "email": "", "monthly_quota": "", "is_active": "on", "sort_order": "9"},
        )  # fmt: skip
        assert response.status_code == 302
        department = Department.objects.get(code="TTXTDT")
        assert department.group is not None
        assert department.collection.name == "Trung tâm Xúc tiến đầu tư"

    def test_a_bad_code_is_explained(self, client, demo_structure, admin_user):
        client.force_login(admin_user)
        response = client.post(snippet_url(Department, "add"), {"code": "bad code", "name_vi": "X", "sort_order": "1"})
        assert response.status_code == 200
        assert "code" in response.context["form"].errors
