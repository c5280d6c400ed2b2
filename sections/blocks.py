"""Content blocks for StreamFields; each has a template, a description and a preview value.

Each page family gets its own restricted StreamBlock: articles cannot carry staff directories, and
standard pages (introduction, organisation, leaders, contacts) can.
"""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "blocks/heading_block.html"
        icon = "title"
        label = _("Tiêu đề mục")
        description = _("Tiêu đề của một đoạn nội dung (thẻ h2).")
        preview_value = "Chức năng, nhiệm vụ"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        """Refuse a paragraph with no text: the editor stores an empty ``<p>`` for a block left blank,
        which passes ``required`` on submit but reopens as an empty, invalid field, so the editorial board
        could not approve the page without editing it."""
        value = super().clean(value)
        source = value.source if hasattr(value, "source") else str(value or "")
        if self.required and not strip_tags(source).strip() and "<embed" not in source:
            raise ValidationError(_("Đoạn văn đang trống: hãy nhập nội dung hoặc xóa khối này."))
        return value

    class Meta:
        template = "blocks/paragraph_block.html"
        icon = "pilcrow"
        label = _("Đoạn văn")
        description = _("Văn bản có định dạng: đậm, nghiêng, danh sách, liên kết.")
        preview_value = "<p>Ban Quản lý Khu kinh tế là cơ quan trực thuộc Ủy ban nhân dân tỉnh.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh cho người khiếm thị"), required=False, help_text=_("Để trống: dùng chú thích.")
    )

    class Meta:
        template = "blocks/captioned_image_block.html"
        icon = "image"
        label = _("Ảnh có chú thích")
        description = _("Một ảnh với chú thích và mô tả thay thế.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu"), required=False)

    class Meta:
        template = "blocks/quote_block.html"
        icon = "openquote"
        label = _("Trích dẫn")
        description = _("Lời phát biểu hoặc trích dẫn văn bản.")
        preview_value = {"text": "Thông tin phải chính xác, kịp thời.", "attribution": "Ban biên tập"}


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        template = "blocks/document_link_block.html"
        icon = "doc-full"
        label = _("Tài liệu tải về")
        description = _("Liên kết tải một tài liệu (PDF, Word, Excel…).")


class DataTableBlock(TableBlock):
    class Meta:
        template = "blocks/table_block.html"
        icon = "table"
        label = _("Bảng")
        description = _("Bảng số liệu đơn giản có dòng tiêu đề.")


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Họ và tên"))
    position = blocks.CharBlock(label=_("Chức vụ"))
    photo = ImageChooserBlock(label=_("Ảnh"), required=False)
    phone = blocks.CharBlock(label=_("Điện thoại"), required=False)
    email = blocks.EmailBlock(label=_("Thư điện tử"), required=False)

    class Meta:
        template = "blocks/person_block.html"
        icon = "user"
        label = _("Lãnh đạo / cán bộ")
        description = _("Thẻ thông tin một người: chức vụ và liên hệ.")
        preview_value = {"name": "Nguyễn Văn An", "position": "Trưởng ban", "phone": "0260 3 123 456"}


class ContactBlock(blocks.StructBlock):
    unit = blocks.CharBlock(label=_("Đơn vị"))
    room = blocks.CharBlock(label=_("Phòng làm việc"), required=False)
    phone = blocks.CharBlock(label=_("Điện thoại"), required=False)
    email = blocks.EmailBlock(label=_("Thư điện tử"), required=False)

    class Meta:
        template = "blocks/contact_block.html"
        icon = "mail"
        label = _("Liên hệ đơn vị")
        description = _("Địa chỉ liên hệ của một phòng, đơn vị.")
        preview_value = {"unit": "Văn phòng", "phone": "0260 3 123 456", "email": "vanphong@example.vn"}


class ArticleBodyBlock(blocks.StreamBlock):
    """Blocks an article (tin, bài) may use."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()

    class Meta:
        block_counts = {"heading": {"max_num": 20}}


class StandardBodyBlock(blocks.StreamBlock):
    """Blocks for standard pages: introduction, organisation, leaders, contacts, disclosures."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()
    person = PersonBlock()
    contact = ContactBlock()
