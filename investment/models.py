"""Investment promotion. Zones, projects and incentives come in their own issue."""

from django.utils.translation import gettext_lazy as _

from sections.models.pages import SECTION_PARENTS, BodySectionBase


class InvestmentIndexPage(BodySectionBase):
    """Xúc tiến đầu tư: zones overview, incentives, projects calling for investment (owned by QLDT)."""

    portal_role = "investment"
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.StandardPage"]
    max_count_per_parent = 1
    template = "investment/investment_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục xúc tiến đầu tư")
        verbose_name_plural = _("chuyên mục xúc tiến đầu tư")
