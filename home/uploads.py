"""Upload checks: a file's content must be what its extension says.

Wagtail already limits extensions (``WAGTAILDOCS_EXTENSIONS``, ``WAGTAILIMAGES_EXTENSIONS``) and sizes
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``). These forms (set as
``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``, so the single and the
multiple uploaders both use them) also read the first bytes, and for zip-based office formats the
archive's table of contents:

- pdf: ``%PDF-``; doc, xls: an OLE2 compound file; docx, xlsx: a zip with ``[Content_Types].xml`` and
  ``word/`` or ``xl/``; odt, ods: a zip whose ``mimetype`` entry names the ODF type; zip: a zip.
- jpg/jpeg, png, gif, webp: their signatures. Anything else (SVG, HTML, an executable renamed) is
  refused before Wagtail or Pillow parse it.
"""

import os
import zipfile

from django import forms
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a file, or an empty archive
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/"}


def _head(uploaded, size=16):
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _zip_names(uploaded):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)


def _odf_mimetype(uploaded):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)


def document_content_matches(uploaded, extension):
    """True when the file's content is the format its extension names."""
    head = _head(uploaded)
    if extension == "pdf":
        # Some generators put a few bytes (a BOM, whitespace) before the header; readers accept 1 KiB.
        return b"%PDF-" in _head(uploaded, 1024)
    if extension in ("doc", "xls"):
        return head.startswith(OLE2_SIGNATURE)
    if not head.startswith(ZIP_SIGNATURES):
        return False
    if extension == "zip":
        return _zip_names(uploaded) is not None
    if extension in OOXML_PARTS:
        names = _zip_names(uploaded) or []
        return "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[extension]) for n in names)
    if extension in ODF_MIMETYPES:
        return _odf_mimetype(uploaded) == ODF_MIMETYPES[extension]
    return False


def image_content_matches(uploaded, extension):
    head = _head(uploaded)
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if extension == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return False


def _extension(uploaded):
    return os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked; editing a document's title keeps the stored file.
        if uploaded and hasattr(uploaded, "content_type"):
            if not document_content_matches(uploaded, _extension(uploaded)):
                raise forms.ValidationError(
                    _(
                        "Nội dung tệp không đúng định dạng %(ext)s. "
                        "Chỉ nhận tệp văn phòng thật (PDF, Word, Excel, ODF, ZIP)."
                    )
                    % {"ext": _extension(uploaded) or "?"},
                    code="invalid_content",
                )
        return uploaded


class PortalImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            if not image_content_matches(uploaded, _extension(uploaded)):
                raise forms.ValidationError(
                    _("Nội dung tệp không phải ảnh %(ext)s. Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP.")
                    % {"ext": _extension(uploaded) or "?"},
                    code="invalid_content",
                )
        return uploaded
