"""Department isolation, both ways, for every pair of the demo's units; the editorial board's rights;
and the single sync function that derives all of it from section ownership."""

import pytest
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Workflow

from sections.models import ArticlePage, NewsIndexPage
from sections.permissions import WORKFLOW_NAME, sync_department_permissions
from tests.factories import ArticlePageFactory
from tests.helpers import PASSWORD

UNITS = ["VP", "QLDT", "QHXD", "TNMT", "QLDN", "KHTH", "DTPTHT", "DANGDOAN", "BBT"]


def owned_sections(structure, code):
    return [s for s in structure.sections.values() if s.department.code == code]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_article_url(parent):
    return reverse("wagtailadmin_pages:add", args=("sections", "articlepage", parent.pk))


def add_standard_url(parent):
    return reverse("wagtailadmin_pages:add", args=("sections", "standardpage", parent.pk))


def is_denied(response):
    """Wagtail's admin answers a forbidden page with 403 or a redirect away from the editor."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.mark.django_db
class TestDepartmentIsolation:
    @pytest.fixture(autouse=True)
    def _structure(self, demo_structure):
        self.s = demo_structure

    def test_every_unit_owns_at_least_one_section(self):
        for code in UNITS:
            assert owned_sections(self.s, code), f"{code} owns no section in the demo"

    @pytest.mark.parametrize("editor_code", UNITS)
    def test_edit_rights_for_every_pair_of_units(self, client, editor_code):
        """Each editor edits its own unit's sections and is refused on every other unit's section."""
        client.login(username=f"{editor_code.lower()}-editor", password=PASSWORD)
        for owner_code in UNITS:
            for section in owned_sections(self.s, owner_code):
                response = client.get(edit_url(section))
                may_edit = owner_code == editor_code or editor_code == "BBT"
                if may_edit:
                    assert response.status_code == 200, (editor_code, section.slug)
                else:
                    assert is_denied(response), (editor_code, section.slug, response.status_code)

    @pytest.mark.parametrize("editor_code", [c for c in UNITS if c != "BBT"])
    def test_create_rights_for_every_pair_of_units(self, client, editor_code):
        """Each editor creates pages under its own sections only (plus the shared news section)."""
        client.login(username=f"{editor_code.lower()}-editor", password=PASSWORD)
        for owner_code in UNITS:
            for section in owned_sections(self.s, owner_code):
                allowed = section.specific_class.creatable_subpage_models()
                if not allowed:
                    continue
                model = allowed[0]
                url = reverse(
                    "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, section.pk)
                )
                response = client.get(url)
                may_add = owner_code == editor_code or isinstance(section, NewsIndexPage)
                if may_add:
                    assert response.status_code == 200, (editor_code, section.slug)
                else:
                    assert is_denied(response), (editor_code, section.slug, response.status_code)

    def test_editors_cannot_publish_anywhere(self):
        for code in UNITS[:-1]:
            editor = self.s.editors[code]
            for section in self.s.sections.values():
                perms = section.permissions_for_user(editor)
                assert not perms.can_publish(), (code, section.slug)
                assert not perms.can_unpublish(), (code, section.slug)

    def test_editorial_board_can_publish_lock_and_unlock_everywhere(self):
        board = self.s.editors["BBT"]
        for section in [self.s.home, *self.s.sections.values()]:
            perms = section.permissions_for_user(board)
            assert perms.can_edit() and perms.can_publish() and perms.can_lock(), section.slug

    def test_editor_post_with_publish_action_does_not_publish(self, client):
        section = self.s.sections["quy-hoach-xay-dung"]
        client.login(username="qhxd-editor", password=PASSWORD)
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        data = nested_form_data(
            {
                "title": "Đổi tên chuyên mục",
                "slug": section.slug,
                "intro": rich_text("<p>Mới</p>"),
                "department": section.department_id,
                "body": streamfield([]),
                "action-publish": "publish",
            }
        )
        client.post(edit_url(section), data)
        section.refresh_from_db()
        assert section.title == "Quy hoạch - Xây dựng"  # the live title is unchanged
        assert section.live


@pytest.mark.django_db
class TestSharedNewsSection:
    @pytest.fixture(autouse=True)
    def _structure(self, demo_structure):
        self.s = demo_structure
        self.news = self.s.sections["tin-tuc-su-kien"]

    def article_by(self, code):
        owner = self.s.editors[code]
        return ArticlePageFactory(parent=self.news, department=self.s.departments[code], owner=owner)

    def test_each_unit_edits_its_own_news_and_not_others(self, client):
        articles = {code: self.article_by(code) for code in ("QLDT", "TNMT")}
        client.login(username="qldt-editor", password=PASSWORD)
        assert client.get(edit_url(articles["QLDT"])).status_code == 200
        assert is_denied(client.get(edit_url(articles["TNMT"])))

    def test_a_colleague_of_the_same_unit_may_edit(self, client):
        article = self.article_by("QLDT")
        from tests.factories import UserFactory

        colleague = UserFactory(username="qldt-editor-2", groups=[self.s.departments["QLDT"].group])
        colleague.set_password(PASSWORD)
        colleague.save()
        client.login(username="qldt-editor-2", password=PASSWORD)
        assert client.get(edit_url(article)).status_code == 200
        assert not article.permissions_for_user(colleague).can_publish()

    def test_editor_cannot_attribute_an_article_to_another_unit(self, client):
        client.login(username="tnmt-editor", password=PASSWORD)
        response = client.get(add_article_url(self.news))
        choices = {str(c[0]) for c in response.context["form"].fields["department"].choices if c[0]}
        assert choices == {str(self.s.departments["TNMT"].pk)}

    def test_new_news_article_starts_attributed_to_the_editors_own_unit(self, client):
        # Found by the browser journey: the chooser started empty and a draft saved from it fell
        # back to the news section's owner (the editorial board).
        client.login(username="tnmt-editor", password=PASSWORD)
        response = client.get(add_article_url(self.news))
        assert response.context["form"]["department"].value() == self.s.departments["TNMT"].pk


@pytest.mark.django_db
class TestDerivedPermissions:
    def test_sync_is_idempotent(self, demo_structure):
        before = set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id"))
        summary = sync_department_permissions()
        after = set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id"))
        assert before == after
        assert summary["page_permissions_added"] == 0 and summary["page_permissions_removed"] == 0
        assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1

    def test_changing_the_owner_moves_the_rights(self, demo_structure):
        section = demo_structure.sections["ke-hoach-du-an"]
        khth, qldn = demo_structure.editors["KHTH"], demo_structure.editors["QLDN"]
        assert section.permissions_for_user(khth).can_edit()
        section.department = demo_structure.departments["QLDN"]
        section.save_revision().publish()
        section.refresh_from_db()
        fresh = type(section).objects.get(pk=section.pk)
        assert fresh.permissions_for_user(qldn).can_edit()
        # KHTH still owns "ngan-sach-thong-ke" but no longer this section.
        from django.contrib.auth import get_user_model

        khth = get_user_model().objects.get(pk=khth.pk)  # drop cached permissions
        assert not fresh.permissions_for_user(khth).can_edit()

    def test_each_unit_has_its_own_collection(self, demo_structure):
        for code, department in demo_structure.departments.items():
            perms = GroupCollectionPermission.objects.filter(group=department.group)
            collections = set(perms.values_list("collection__name", flat=True))
            if code == "BBT":
                assert collections == {"Root"}
            else:
                assert collections == {department.name_vi}
                codenames = set(perms.values_list("permission__codename", flat=True))
                assert {"add_image", "add_document", "choose_image", "choose_document"} <= codenames
                assert "delete_image" not in codenames

    def test_command_runs(self, demo_structure):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("sync_department_permissions", stdout=out)
        assert "+0/-0" in out.getvalue()

    def test_inactive_unit_loses_its_rights(self, demo_structure):
        department = demo_structure.departments["DANGDOAN"]
        department.is_active = False
        department.save()
        assert not GroupPagePermission.objects.filter(group=department.group).exists()


def test_article_attribution_defaults_to_section_owner(demo_structure):
    section = demo_structure.sections["dat-dai-moi-truong"]
    article = ArticlePage(title="Quan trắc môi trường", summary="x", body=[])
    article._parent_for_default = section
    section.add_child(instance=article)
    assert article.department == demo_structure.departments["TNMT"]


@pytest.mark.django_db
class TestForgedForms:
    """What the form does not offer cannot be posted either."""

    def test_editor_cannot_hand_their_section_to_another_unit(self, client, demo_structure):
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        section = demo_structure.sections["quy-hoach-xay-dung"]
        client.login(username="qhxd-editor", password=PASSWORD)
        data = nested_form_data(
            {
                "title": section.title,
                "slug": section.slug,
                "intro": rich_text("<p>Giới thiệu mới</p>"),
                "department": demo_structure.departments["VP"].pk,  # forged
                "body": streamfield([]),
            }
        )
        response = client.post(edit_url(section), data)
        assert response.status_code == 302
        section.refresh_from_db()
        draft = section.get_latest_revision_as_object()
        assert draft.department_id == demo_structure.departments["QHXD"].pk
        assert "Giới thiệu mới" in draft.intro

    def test_new_subsection_belongs_to_the_owner_of_its_section(self, client, demo_structure):
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        from sections.models import SectionPage

        section = demo_structure.sections["quy-hoach-xay-dung"]
        client.login(username="qhxd-editor", password=PASSWORD)
        url = reverse("wagtailadmin_pages:add", args=("sections", "sectionpage", section.pk))
        data = nested_form_data(
            {
                "title": "Quy hoạch chi tiết",
                "slug": "quy-hoach-chi-tiet",
                "intro": rich_text(""),
                "body": streamfield([]),
            }
        )
        assert client.post(url, data).status_code == 302
        assert SectionPage.objects.get(slug="quy-hoach-chi-tiet").department.code == "QHXD"

    def test_forged_article_department_is_refused_with_a_message(self, client, demo_structure):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

        news = demo_structure.sections["tin-tuc-su-kien"]
        client.login(username="tnmt-editor", password=PASSWORD)
        data = nested_form_data(
            {
                "title": "Tin giả mạo đơn vị",
                "slug": "tin-gia-mao",
                "date": "2026-11-10",
                "department": demo_structure.departments["QLDT"].pk,  # not the editor's unit
                "summary": "Tóm tắt",
                "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
                "attachments": inline_formset([]),
                "tags": "",
            }
        )
        response = client.post(add_article_url(news), data)
        assert response.status_code == 200
        assert "department" in response.context["form"].errors
        assert not ArticlePage.objects.filter(slug="tin-gia-mao").exists()
