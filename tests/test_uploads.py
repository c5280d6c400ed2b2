"""Uploads: office formats and raster images only, content checked against the extension, size limits,
documents served as downloads, and each department uploading into its own collection only."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from home.uploads import PortalDocumentForm, PortalImageForm, document_content_matches
from tests.helpers import PASSWORD

Document = get_document_model()
Image = get_image_model()

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)
WINDOWS_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"
)
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zip_bytes(entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx_bytes():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Mẫu tờ khai"
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes({"content.xml": "<office:document-content/>"}, first=("mimetype", mimetype))


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def document_form(name, data, collection):
    form_class = get_document_form(Document)
    return form_class(data={"title": name, "collection": collection.pk}, files={"file": upload(name, data)}, user=None)


def image_form(name, data, collection):
    form_class = get_image_form(Image)
    return form_class(data={"title": name, "collection": collection.pk}, files={"file": upload(name, data)}, user=None)


def test_settings_restrict_formats():
    assert sorted(settings.WAGTAILDOCS_EXTENSIONS) == sorted(["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"])
    assert sorted(settings.WAGTAILIMAGES_EXTENSIONS) == sorted(["jpg", "jpeg", "png", "gif", "webp"])
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.PORTAL_MAX_DOCUMENT_MB * 1024 * 1024
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []
    assert issubclass(get_document_form(Document), PortalDocumentForm)
    assert issubclass(get_image_form(Image), PortalImageForm)


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("a.pdf", MINIMAL_PDF, True),
        ("a.docx", docx_bytes(), True),
        ("a.xlsx", xlsx_bytes(), True),
        ("a.odt", odt_bytes(), True),
        ("a.ods", odt_bytes("application/vnd.oasis.opendocument.spreadsheet"), True),
        ("a.doc", OLE2, True),
        ("a.xls", OLE2, True),
        ("a.zip", zip_bytes({"readme.txt": "x"}), True),
        ("a.pdf", WINDOWS_EXE, False),
        ("a.pdf", ELF, False),
        ("a.docx", xlsx_bytes(), False),  # a spreadsheet renamed as a Word file
        ("a.xlsx", docx_bytes(), False),
        ("a.docx", zip_bytes({"x.txt": "x"}), False),  # a zip that is no office file
        ("a.odt", odt_bytes("application/vnd.oasis.opendocument.spreadsheet"), False),
        ("a.doc", MINIMAL_PDF, False),
        ("a.zip", b"PK\x03\x04 broken", False),
        ("a.pdf", b"", False),
    ],
)
def test_document_content_must_match_extension(name, data, ok):
    assert document_content_matches(io.BytesIO(data), name.rsplit(".", 1)[1]) is ok


@pytest.mark.django_db
class TestDocumentForm:
    @pytest.fixture(autouse=True)
    def _collection(self):
        self.root = Collection.get_first_root_node()

    def test_executable_renamed_to_pdf_is_rejected(self):
        form = document_form("to-khai.pdf", WINDOWS_EXE, self.root)
        assert not form.is_valid()
        assert "file" in form.errors

    def test_unlisted_extensions_are_rejected(self):
        for name, data in (("x.exe", WINDOWS_EXE), ("x.html", b"<script>"), ("x.svg", SVG_WITH_SCRIPT), ("x.rar", b"")):
            form = document_form(name, data or b"Rar!", self.root)
            assert not form.is_valid(), name

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
    def test_oversized_document_is_rejected(self):
        form = document_form("big.pdf", MINIMAL_PDF + b"%" * 2048, self.root)
        assert not form.is_valid()
        assert "file" in form.errors

    def test_real_pdf_and_docx_are_accepted(self):
        for name, data in (("mau-01.pdf", MINIMAL_PDF), ("mau-02.docx", docx_bytes()), ("mau-03.xlsx", xlsx_bytes())):
            form = document_form(name, data, self.root)
            assert form.is_valid(), (name, form.errors)
            document = form.save()
            assert document.file.size == len(data)

    def test_editing_the_title_keeps_the_file(self):
        form = document_form("mau.pdf", MINIMAL_PDF, self.root)
        assert form.is_valid()
        document = form.save()
        edit = get_document_form(Document)(
            data={"title": "Mẫu mới", "collection": self.root.pk}, instance=document, user=None
        )
        assert edit.is_valid(), edit.errors
        assert edit.save().title == "Mẫu mới"


@pytest.mark.django_db
class TestImageForm:
    @pytest.fixture(autouse=True)
    def _collection(self):
        self.root = Collection.get_first_root_node()

    def test_svg_with_script_is_rejected(self):
        for name in ("logo.svg", "logo.png", "logo.jpg"):
            form = image_form(name, SVG_WITH_SCRIPT, self.root)
            assert not form.is_valid(), name
            assert "file" in form.errors

    def test_executable_renamed_to_jpg_is_rejected(self):
        assert not image_form("photo.jpg", WINDOWS_EXE, self.root).is_valid()

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
    def test_oversized_image_is_rejected(self):
        assert not image_form("photo.png", png_bytes() + b"\x00" * 200, self.root).is_valid()

    def test_real_png_is_accepted(self):
        form = image_form("photo.png", png_bytes(), self.root)
        assert form.is_valid(), form.errors
        assert form.save().width == 8


@pytest.mark.django_db
class TestDepartmentCollections:
    """Uploads go through Wagtail's admin views, as an editor would use them."""

    @pytest.fixture(autouse=True)
    def _structure(self, demo_structure):
        self.s = demo_structure
        self.vp = self.s.departments["VP"]
        self.tnmt = self.s.departments["TNMT"]

    def post_document(self, client, collection, name="mau.pdf", data=MINIMAL_PDF):
        return client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "collection": collection.pk, "file": upload(name, data)},
        )

    def post_image(self, client, collection):
        return client.post(
            reverse("wagtailimages:add"),
            {"title": "Ảnh", "collection": collection.pk, "file": upload("anh.png", png_bytes())},
        )

    def test_each_unit_has_rights_only_in_its_own_collection(self):
        from wagtail.documents.permissions import permission_policy as doc_policy
        from wagtail.images.permissions import permission_policy as image_policy

        for code, department in self.s.departments.items():
            if department.is_editorial_board:
                continue
            editor = self.s.editors[code] if isinstance(self.s.editors, dict) else None
            if editor is None:
                from django.contrib.auth import get_user_model

                editor = get_user_model().objects.get(username=f"{code.lower()}-editor")
            for policy in (doc_policy, image_policy):
                allowed = set(policy.collections_user_has_permission_for(editor, "add"))
                assert allowed == {department.collection}, (code, allowed)
                changeable = set(policy.collections_user_has_permission_for(editor, "change"))
                assert changeable == {department.collection}, (code, changeable)

    def test_editor_uploads_into_own_collection(self, client):
        client.login(username="vp-editor", password=PASSWORD)
        response = self.post_document(client, self.vp.collection)
        assert response.status_code == 302
        assert Document.objects.filter(collection=self.vp.collection, title="mau.pdf").exists()
        assert self.post_image(client, self.vp.collection).status_code == 302
        assert Image.objects.filter(collection=self.vp.collection).exists()

    def test_editor_cannot_upload_into_another_units_collection(self, client):
        """Asking for another unit's collection never puts a file there: with one permitted collection
        Wagtail drops the choice and files it in the editor's own; with several, others are invalid."""
        client.login(username="vp-editor", password=PASSWORD)
        self.post_document(client, self.tnmt.collection)
        self.post_image(client, self.tnmt.collection)
        assert not Document.objects.filter(collection=self.tnmt.collection).exists()
        assert not Image.objects.filter(collection=self.tnmt.collection).exists()
        assert set(Document.objects.values_list("collection_id", flat=True)) <= {self.vp.collection_id}
        # And the other way round.
        client.logout()
        client.login(username="tnmt-editor", password=PASSWORD)
        before = Document.objects.filter(collection=self.vp.collection).count()
        self.post_document(client, self.vp.collection, name="tnmt.pdf")
        assert Document.objects.filter(collection=self.vp.collection).count() == before
        assert Document.objects.get(title="tnmt.pdf").collection == self.tnmt.collection

    def test_editor_in_two_units_cannot_pick_a_third_units_collection(self, client):
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.get(username="vp-editor")
        editor.groups.add(self.s.departments["QLDT"].group)
        client.login(username="vp-editor", password=PASSWORD)
        response = self.post_document(client, self.tnmt.collection)
        assert response.status_code == 200  # the form again, with "select a valid choice"
        assert not Document.objects.exists()
        assert self.post_document(client, self.s.departments["QLDT"].collection).status_code == 302

    def test_editor_cannot_edit_another_units_document(self, client):
        client.login(username="tnmt-editor", password=PASSWORD)
        self.post_document(client, self.tnmt.collection)
        document = Document.objects.get(collection=self.tnmt.collection)
        client.logout()
        client.login(username="vp-editor", password=PASSWORD)
        response = client.post(
            reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Đổi tên", "collection": self.vp.collection.pk}
        )
        assert response.status_code in (302, 403)
        document.refresh_from_db()
        assert document.title == "mau.pdf" and document.collection == self.tnmt.collection

    def test_editorial_board_uploads_anywhere(self, client):
        client.login(username="bbt-editor", password=PASSWORD)
        assert self.post_document(client, self.tnmt.collection).status_code == 302
        assert Document.objects.filter(collection=self.tnmt.collection).exists()

    def test_admin_upload_of_a_renamed_executable_is_refused(self, client):
        client.login(username="vp-editor", password=PASSWORD)
        response = self.post_document(client, self.vp.collection, name="to-khai.pdf", data=WINDOWS_EXE)
        assert response.status_code == 200
        assert not Document.objects.exists()

    def test_multiple_uploader_checks_content_too(self, client):
        client.login(username="vp-editor", password=PASSWORD)
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": upload("to-khai.pdf", WINDOWS_EXE), "collection": self.vp.collection.pk},
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_are_served_as_downloads(client):
    form = document_form("bieu-mau.pdf", MINIMAL_PDF, Collection.get_first_root_node())
    assert form.is_valid()
    document = form.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
