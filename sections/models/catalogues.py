"""Controlled vocabularies for legal documents (snippets, not free text)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.models import pick_language


class Catalogue(models.Model):
    """A named entry with a stable slug, a Vietnamese and an English name."""

    slug = models.SlugField(_("mã"), max_length=64, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_vi"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return pick_language(self.name_vi, self.name_en)


class DocumentType(Catalogue):
    """Loại văn bản: Luật, Nghị định, Quyết định, Công văn…"""

    class Meta(Catalogue.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class Issuer(Catalogue):
    """Cơ quan ban hành."""

    class Meta(Catalogue.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class Topic(Catalogue):
    """Lĩnh vực (field of activity), shared by legal documents and procedures."""

    class Meta(Catalogue.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
