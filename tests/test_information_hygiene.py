"""Information hygiene: drafts, previews, revisions, form submissions and unpublished translations never
reach anonymous visitors or the API; one department cannot read another's submissions or drafts.
Every rule is tested both ways (the owner may, the others may not)."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from sections.models import ContactPage, StandardPage
from sections.models.contact import ContactFormField
from sections.permissions import sync_department_permissions
from tests.factories import ArticlePageFactory, ContactPageFactory, StandardPageFactory
from tests.helpers import PASSWORD

SECRET = "bimatnoibo"  # a word that appears only in unpublished content


def login_url_prefix():
    return reverse("wagtailadmin_login")


def redirects_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(login_url_prefix())


def is_denied(response):
    """Wagtail answers a forbidden admin page with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.mark.django_db
class TestDraftsAndRevisions:
    @pytest.fixture(autouse=True)
    def _pages(self, demo_structure):
        self.s = demo_structure
        self.tnmt_section = self.s.sections["dat-dai-moi-truong"]
        # A page that has never been published: a draft only.
        self.draft = StandardPageFactory(parent=self.tnmt_section, title=f"Dự thảo {SECRET}", slug="du-thao-noi-bo")
        self.draft.live = False
        self.draft.save()
        self.draft_revision = self.draft.save_revision()
        # A live page with newer, unpublished changes.
        self.live = StandardPageFactory(parent=self.tnmt_section, title="Quy định đang áp dụng", slug="quy-dinh")
        self.live.save_revision().publish()
        self.live.refresh_from_db()
        self.live.title = f"Quy định sửa đổi {SECRET}"
        self.live_revision = self.live.save_revision()
        self.live.refresh_from_db()

    def test_draft_is_not_served_to_anonymous_visitors(self, client):
        response = client.get(f"{self.tnmt_section.url}du-thao-noi-bo/")
        assert response.status_code == 404
        assert SECRET.encode() not in response.content

    def test_live_version_is_served_when_changes_are_unpublished(self, client):
        assert self.live.has_unpublished_changes
        response = client.get(self.live.url)
        assert response.status_code == 200
        assert "Quy định đang áp dụng" in response.content.decode()
        assert SECRET.encode() not in response.content

    def test_drafts_are_not_in_search_sitemap_or_listings(self, client):
        for url in (
            "/vi/search/?q=du+thao",
            "/vi/search/?q=quy+dinh",
            "/sitemap.xml",
            self.tnmt_section.url,
            "/vi/search/suggest/?q=du+thao",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET.encode() not in response.content, url
            assert b"du-thao-noi-bo" not in response.content, url

    def test_api_never_lists_or_serves_drafts(self, client):
        # Unknown paths outside the language prefix are redirected to /vi/… first, then answered 404.
        listing = client.get("/api/v2/pages/", follow=True)
        if listing.status_code == 200:  # only if a pages endpoint is ever registered
            assert self.draft.pk not in {item["id"] for item in listing.json()["items"]}
        else:
            assert listing.status_code == 404
        assert client.get(f"/api/v2/pages/{self.draft.pk}/", follow=True).status_code == 404
        assert SECRET.encode() not in client.get(f"/api/v2/pages/{self.live.pk}/", follow=True).content

    def test_admin_views_of_drafts_send_anonymous_visitors_to_login(self, client):
        urls = [
            reverse("wagtailadmin_pages:edit", args=[self.draft.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[self.draft.pk]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[self.draft.pk]),
            reverse("wagtailadmin_pages:revisions_index", args=[self.live.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[self.live.pk, self.live_revision.pk]),
            reverse("wagtailadmin_pages:history", args=[self.live.pk]),
        ]
        for url in urls:
            response = client.get(url)
            assert redirects_to_login(response), (url, response.status_code)
            assert SECRET.encode() not in response.content

    def test_another_department_cannot_open_drafts_or_revisions(self, client):
        client.login(username="vp-editor", password=PASSWORD)
        urls = [
            reverse("wagtailadmin_pages:edit", args=[self.draft.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[self.draft.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[self.live.pk, self.live_revision.pk]),
            reverse("wagtailadmin_pages:edit", args=[self.live.pk]),
        ]
        for url in urls:
            response = client.get(url)
            assert is_denied(response), (url, response.status_code)
            assert SECRET.encode() not in response.content

    def test_owner_department_opens_its_drafts_and_revisions(self, client):
        client.login(username="tnmt-editor", password=PASSWORD)
        assert client.get(reverse("wagtailadmin_pages:edit", args=[self.draft.pk])).status_code == 200
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[self.draft.pk]))
        assert response.status_code == 200 and SECRET.encode() in response.content
        response = client.get(reverse("wagtailadmin_pages:revisions_view", args=[self.live.pk, self.live_revision.pk]))
        assert response.status_code == 200 and SECRET.encode() in response.content

    def test_draft_articles_in_the_shared_news_section_stay_with_their_unit(self, client):
        news = self.s.sections["tin-tuc-su-kien"]
        article = ArticlePageFactory(parent=news, title=f"Tin nháp {SECRET}", department=self.s.departments["TNMT"])
        article.live = False
        article.save()
        article.save_revision()
        assert client.get(article.url).status_code == 404
        client.login(username="vp-editor", password=PASSWORD)
        assert is_denied(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])))
        client.logout()
        client.login(username="tnmt-editor", password=PASSWORD)
        assert client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).status_code == 200


@pytest.mark.django_db
def test_api_serves_only_published_procedures(demo_structure, client):
    from procedures.importer import import_records
    from procedures.models import ProcedurePage
    from tests.test_procedures import demo_records, positioned

    code = "1.009763.000.00.00.H34"
    report = import_records(positioned(demo_records(code)))
    assert not report.errors
    page = ProcedurePage.objects.get(code=code)
    assert client.get(f"/api/v2/procedures/{page.pk}/").status_code == 200
    page.unpublish()
    assert client.get(f"/api/v2/procedures/{page.pk}/", follow=True).status_code == 404
    assert page.pk not in {item["id"] for item in client.get("/api/v2/procedures/").json()["items"]}


@pytest.mark.django_db
class TestUnpublishedTranslations:
    @pytest.fixture(autouse=True)
    def _pages(self, demo_structure):
        self.s = demo_structure
        about = self.s.sections["gioi-thieu"]
        self.source = StandardPageFactory(parent=about, title="Lịch sử hình thành", slug="lich-su")
        self.source.save_revision().publish()
        self.source.refresh_from_db()
        english = Locale.objects.get(language_code="en")
        if not about.has_translation(english):
            about_en = about.copy_for_translation(english)
            about_en.save_revision().publish()
        self.translation = self.source.copy_for_translation(english)
        self.translation.title = f"History {SECRET}"
        self.translation.slug = "history"
        self.translation.save_revision()
        self.translation.refresh_from_db()

    def test_translation_starts_as_a_draft(self):
        assert not self.translation.live

    def test_unpublished_translation_is_not_served_or_listed(self, client):
        assert client.get(self.translation.url).status_code == 404
        for url in ("/en/search/?q=history", "/sitemap.xml", self.translation.get_parent().url):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET.encode() not in response.content, url

    def test_source_page_does_not_point_to_the_draft_translation(self, client):
        html = client.get(self.source.url).content.decode()
        assert f'hreflang="en" href="{self.translation.url}"' not in html
        assert f'href="{self.translation.url}"' not in html


@pytest.mark.django_db
class TestFormSubmissions:
    @pytest.fixture(autouse=True)
    def _pages(self, demo_structure):
        self.s = demo_structure
        self.vp_contact = ContactPage.objects.get(locale__language_code="vi", slug="lien-he")
        # A second contact form, owned by another unit.
        self.tnmt_contact = ContactPageFactory(
            parent=self.s.sections["dat-dai-moi-truong"], slug="lien-he-tnmt", department=self.s.departments["TNMT"]
        )
        ContactFormField.objects.create(page=self.tnmt_contact, label="Nội dung", field_type="multiline")
        field = self.vp_contact.get_form_fields()[0].clean_name
        sync_department_permissions()
        self.vp_submission = FormSubmission.objects.create(
            page=self.vp_contact, form_data={field: f"Câu hỏi gửi văn phòng {SECRET}"}
        )
        self.tnmt_submission = FormSubmission.objects.create(
            page=self.tnmt_contact, form_data={"noi_dung": f"Phản ánh môi trường {SECRET}"}
        )

    def submissions_url(self, page):
        return reverse("wagtailforms:list_submissions", args=[page.pk])

    def test_anonymous_visitors_are_sent_to_login(self, client):
        for page in (self.vp_contact, self.tnmt_contact):
            for url in (self.submissions_url(page), f"{self.submissions_url(page)}?export=csv"):
                response = client.get(url)
                assert redirects_to_login(response), url
        assert redirects_to_login(client.get(reverse("wagtailforms:index")))
        assert SECRET.encode() not in client.get(self.vp_contact.url).content

    @pytest.mark.parametrize(
        ("editor", "own", "other"), [("vp", "vp_contact", "tnmt_contact"), ("tnmt", "tnmt_contact", "vp_contact")]
    )
    def test_each_unit_reads_only_its_own_submissions(self, client, editor, own, other):
        client.login(username=f"{editor}-editor", password=PASSWORD)
        own_page, other_page = getattr(self, own), getattr(self, other)
        response = client.get(self.submissions_url(own_page))
        assert response.status_code == 200
        assert SECRET.encode() in response.content
        for url in (self.submissions_url(other_page), f"{self.submissions_url(other_page)}?export=csv"):
            response = client.get(url)
            assert is_denied(response), (url, response.status_code)
            assert SECRET.encode() not in response.content
        index = client.get(reverse("wagtailforms:index")).content.decode()
        assert self.submissions_url(own_page) in index
        assert self.submissions_url(other_page) not in index

    def test_another_unit_cannot_delete_submissions(self, client):
        client.login(username="tnmt-editor", password=PASSWORD)
        url = reverse("wagtailforms:delete_submissions", args=[self.vp_contact.pk])
        response = client.post(f"{url}?selected-submissions={self.vp_submission.pk}")
        assert is_denied(response)
        assert FormSubmission.objects.filter(pk=self.vp_submission.pk).exists()

    def test_editorial_board_reads_every_units_submissions(self, client):
        client.login(username="bbt-editor", password=PASSWORD)
        for page in (self.vp_contact, self.tnmt_contact):
            assert client.get(self.submissions_url(page)).status_code == 200


@pytest.mark.django_db
def test_contact_page_submissions_are_not_on_the_public_page(demo_structure, client):
    contact = ContactPage.objects.get(locale__language_code="vi", slug="lien-he")
    FormSubmission.objects.create(page=contact, form_data={"message": SECRET})
    assert SECRET.encode() not in client.get(contact.url).content
    assert not StandardPage.objects.filter(title__contains=SECRET).exists()
