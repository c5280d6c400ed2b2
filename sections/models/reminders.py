"""A record of every reminder e-mail, so the daily cron job never sends the same one twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    """One e-mail sent by ``send_quota_reminders``: kind, day, period and recipient are unique together."""

    class Kind(models.TextChoices):
        BEHIND = "behind", _("Nhắc đơn vị chưa đạt chỉ tiêu")
        SUMMARY = "summary", _("Tổng hợp tháng trước cho Ban biên tập")
        OVERDUE = "overdue", _("Trang quá hạn rà soát (hằng tuần)")

    kind = models.CharField(_("loại thư"), max_length=16, choices=Kind.choices)
    sent_on = models.DateField(_("ngày gửi"))
    period = models.CharField(_("tháng"), max_length=7)
    recipient = models.EmailField(_("người nhận"))
    department = models.ForeignKey(
        "sections.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["kind", "sent_on", "period", "recipient"], name="unique_reminder_per_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} → {self.recipient} ({self.sent_on})"
