"""Structured parts of a procedure record (steps, channels, dossier, legal basis); each has a template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ChannelChoice:
    IN_PERSON = "in_person"
    ONLINE = "online"
    POST = "post"
    CHOICES = [
        (IN_PERSON, _("Trực tiếp")),
        (ONLINE, _("Trực tuyến")),
        (POST, _("Dịch vụ bưu chính")),
    ]


class StepBlock(blocks.TextBlock):
    class Meta:
        template = "procedures/blocks/step_block.html"
        icon = "list-ol"
        label = _("Bước thực hiện")
        description = _("Một bước trong trình tự thực hiện thủ tục.")
        preview_value = "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh."


class ApplicantBlock(blocks.CharBlock):
    class Meta:
        template = "procedures/blocks/applicant_block.html"
        icon = "user"
        label = _("Đối tượng thực hiện")
        description = _("Cá nhân hoặc tổ chức thực hiện thủ tục.")
        preview_value = "Doanh nghiệp"


class ChannelBlock(blocks.StructBlock):
    channel = blocks.ChoiceBlock(choices=ChannelChoice.CHOICES, label=_("Cách thức nộp"))
    processing_time = blocks.CharBlock(label=_("Thời hạn giải quyết"), required=False)
    fee = blocks.CharBlock(label=_("Phí, lệ phí"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["channel_label"] = dict(ChannelChoice.CHOICES).get(value.get("channel"), "")
        return context

    class Meta:
        template = "procedures/blocks/channel_block.html"
        icon = "mail"
        label = _("Cách thức thực hiện")
        description = _("Một cách nộp hồ sơ với thời hạn và phí, lệ phí riêng.")
        preview_value = {"channel": ChannelChoice.ONLINE, "processing_time": "15 ngày làm việc", "fee": "Không"}


class DossierComponentBlock(blocks.StructBlock):
    name = blocks.TextBlock(label=_("Tên giấy tờ"))
    originals = blocks.IntegerBlock(label=_("Số bản chính"), min_value=0, default=1)
    copies = blocks.IntegerBlock(label=_("Số bản sao"), min_value=0, default=0)
    form = DocumentChooserBlock(label=_("Mẫu đơn, tờ khai"), required=False)
    form_name = blocks.CharBlock(
        label=_("Tên mẫu"), required=False, help_text=_("Ký hiệu mẫu, ví dụ: Mẫu A.I.1 (khi chưa tải tệp lên).")
    )

    class Meta:
        template = "procedures/blocks/dossier_component_block.html"
        icon = "doc-full"
        label = _("Thành phần hồ sơ")
        description = _("Một giấy tờ trong hồ sơ, số bản và mẫu đơn kèm theo.")
        preview_value = {"name": "Văn bản đề nghị thực hiện dự án đầu tư", "originals": 1, "copies": 0}


class LegalBasisBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Số ký hiệu"))
    title = blocks.TextBlock(label=_("Trích yếu"), required=False)
    date = blocks.DateBlock(label=_("Ngày ban hành"), required=False)
    issuer = blocks.CharBlock(label=_("Cơ quan ban hành"), required=False)

    class Meta:
        template = "procedures/blocks/legal_basis_block.html"
        icon = "doc-full-inverse"
        label = _("Căn cứ pháp lý")
        description = _("Văn bản là căn cứ của thủ tục; liên kết tới trang văn bản khi có.")
        preview_value = {"number": "61/2020/QH14", "title": "Luật Đầu tư", "issuer": "Quốc hội"}
