"""StreamField blocks for the investment pages; each has a template, a description and a preview value."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from sections.blocks import ContactBlock


class InvestorBlock(blocks.StructBlock):
    """An investor already present in a zone: its country and sector are vocabulary entries."""

    name = blocks.CharBlock(label=_("Tên nhà đầu tư"))
    country = SnippetChooserBlock("investment.Country", label=_("Quốc gia"), required=False)
    sector = SnippetChooserBlock("investment.Sector", label=_("Ngành nghề"), required=False)

    class Meta:
        template = "investment/blocks/investor_block.html"
        icon = "group"
        label = _("Nhà đầu tư")
        description = _("Một nhà đầu tư đã có mặt trong khu.")
        preview_value = {"name": "Công ty TNHH Cao su Sao Mai"}


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)

    class Meta:
        template = "investment/blocks/gallery_image_block.html"
        icon = "image"
        label = _("Ảnh")
        description = _("Một ảnh trong thư viện ảnh của khu.")


class BrochureBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        template = "investment/blocks/brochure_block.html"
        icon = "doc-full"
        label = _("Tài liệu giới thiệu")
        description = _("Tờ rơi, hồ sơ giới thiệu khu (PDF).")


class InvestorsBlock(blocks.StreamBlock):
    investor = InvestorBlock()


class ContactsBlock(blocks.StreamBlock):
    contact = ContactBlock()


class GalleryBlock(blocks.StreamBlock):
    image = GalleryImageBlock()
    brochure = BrochureBlock()


class GuideStepBlock(blocks.StructBlock):
    """One step of the investment guide, optionally linking the procedure page that covers it."""

    title = blocks.CharBlock(label=_("Bước"))
    text = blocks.RichTextBlock(label=_("Nội dung"), features=["bold", "italic", "ul", "ol", "link"])
    procedure = blocks.PageChooserBlock(label=_("Thủ tục liên quan"), required=False)
    time_limit = blocks.CharBlock(label=_("Thời hạn giải quyết"), required=False)

    class Meta:
        template = "investment/blocks/guide_step_block.html"
        icon = "list-ol"
        label = _("Bước thực hiện")
        description = _("Một bước trong hướng dẫn đầu tư, có thể liên kết tới thủ tục hành chính.")
        preview_value = {"title": "Đăng ký đầu tư", "text": "<p>Nộp hồ sơ tại Ban Quản lý.</p>"}


class GuideStepsBlock(blocks.StreamBlock):
    step = GuideStepBlock()

    class Meta:
        block_counts = {"step": {"min_num": 1}}
