"""Investment promotion. Zones, projects and incentives come in their own issue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from sections.blocks import StandardBodyBlock
from sections.models import SectionBase
from sections.models.pages import SECTION_PARENTS


class InvestmentIndexPage(SectionBase):
    """Xúc tiến đầu tư: zones overview, incentives, projects calling for investment (owned by QLDT)."""

    portal_role = "investment"
    body = StreamField(StandardBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = SectionBase.content_panels + [FieldPanel("body")]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.StandardPage"]
    max_count_per_parent = 1
    template = "investment/investment_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục xúc tiến đầu tư")
        verbose_name_plural = _("chuyên mục xúc tiến đầu tư")
