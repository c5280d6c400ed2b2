"""Demo dossier forms: one small, valid Word document (.docx) per form name the demo procedures cite
("Mẫu A.I.1"…), stored in the collection of the unit that owns the procedures section, so each
procedure page offers a real "Tải mẫu" download. The importer links a dossier component to the
document whose title is the form name.

A .docx is a zip of a few XML parts; writing them directly needs no extra dependency.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils.text import slugify

from home.text import fold_for_search

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text, bold=False):
    run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def form_docx(title, lines=()):
    """The bytes of a one-page .docx whose first paragraph is ``title`` (bold), then ``lines``."""
    body = _paragraph(title, bold=True) + "".join(_paragraph(line) for line in lines)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WORD_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def form_file_name(title):
    """ "Mẫu A.I.1" → "mau-a-i-1.docx" (ASCII, safe in any download)."""
    return (slugify(fold_for_search(title).replace(".", " ").replace("/", " ")) or "mau") + ".docx"


def ensure_form_documents(records, collection):
    """Create the missing form documents cited by ``records``; returns how many were created."""
    from wagtail.documents import get_document_model

    Document = get_document_model()
    cited = {}
    for record in records:
        for component in record.get("dossier") or []:
            name = (component.get("form") or "").strip()
            if name:
                cited.setdefault(name, []).append(component.get("name", ""))
    existing = set(Document.objects.filter(title__in=cited).values_list("title", flat=True))
    created = 0
    for title, components in sorted(cited.items()):
        if title in existing:
            continue
        lines = ["Biểu mẫu kèm theo hồ sơ thủ tục hành chính (bản mẫu dùng cho trang demo)."]
        lines += [f"Thành phần hồ sơ: {name}" for name in sorted(set(components)) if name]
        lines += ["Họ và tên người đề nghị: ....................", "Ngày ..... tháng ..... năm ....."]
        document = Document(title=title, collection=collection)
        document.file = ContentFile(form_docx(title, lines), name=form_file_name(title))
        document._set_document_file_metadata()
        document.save()
        created += 1
    return created
