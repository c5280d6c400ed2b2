"""Administrative procedures. The catalogue's depth (procedure records, importer, facets) comes later."""

from django.utils.translation import gettext_lazy as _

from sections.models.pages import SECTION_PARENTS, BodySectionBase


class ProcedureIndexPage(BodySectionBase):
    """Thủ tục hành chính: the section listing the board's administrative procedures (owned by VP)."""

    portal_role = "procedures"
    parent_page_types = SECTION_PARENTS
    subpage_types = ["sections.StandardPage"]
    max_count_per_parent = 1
    template = "procedures/procedure_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục thủ tục hành chính")
        verbose_name_plural = _("chuyên mục thủ tục hành chính")
