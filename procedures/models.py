"""Administrative procedures. The catalogue's depth (procedure records, importer, facets) comes later."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from sections.blocks import StandardBodyBlock
from sections.models import SectionBase
from sections.models.pages import SECTION_PARENTS


class ProcedureIndexPage(SectionBase):
    """Thủ tục hành chính: the section listing the board's administrative procedures (owned by VP)."""

    portal_role = "procedures"
    body = StreamField(StandardBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = SectionBase.content_panels + [FieldPanel("body")]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.StandardPage"]
    max_count_per_parent = 1
    template = "procedures/procedure_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục thủ tục hành chính")
        verbose_name_plural = _("chuyên mục thủ tục hành chính")
