"""Queries that found nothing, kept for the editorial board (what visitors look for and miss)."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 255


class UnansweredQuery(models.Model):
    """One normalised query string per language with how often it found nothing."""

    query_string = models.CharField(_("từ khóa"), max_length=MAX_LENGTH)
    language_code = models.CharField(_("ngôn ngữ"), max_length=16)
    hits = models.PositiveIntegerField(_("số lần tìm"), default=0)
    first_seen = models.DateTimeField(_("lần đầu"), default=timezone.now)
    last_seen = models.DateTimeField(_("lần gần nhất"), default=timezone.now)

    class Meta:
        verbose_name = _("từ khóa không có kết quả")
        verbose_name_plural = _("từ khóa không có kết quả")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "language_code"], name="search_unanswered_unique")
        ]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query, language_code):
        normalised = " ".join(str(query).lower().split())[:MAX_LENGTH]
        if not normalised:
            return
        entry, _created = cls.objects.get_or_create(query_string=normalised, language_code=language_code[:16])
        cls.objects.filter(pk=entry.pk).update(hits=F("hits") + 1, last_seen=timezone.now())
