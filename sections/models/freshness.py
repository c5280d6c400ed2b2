"""Content freshness: when a page should next be reviewed, and who last confirmed it is still right."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentReview(models.Model):
    """Review state of one page. Absent means "never reviewed": the page type's default interval
    (``settings.PORTAL_REVIEW_INTERVALS``) counts from its last publication."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="content_review")
    review_by = models.DateField(
        _("rà soát trước ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: theo chu kỳ mặc định của loại trang."),
    )
    last_reviewed_at = models.DateTimeField(_("rà soát lần cuối"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rà soát"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rà soát nội dung")
        verbose_name_plural = _("rà soát nội dung")

    def __str__(self):
        return f"{self.page_id}: {self.review_by or '-'}"
