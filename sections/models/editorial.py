"""The editorial board's settings: the monthly quota and when reminders start."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="calendar-check")
class EditorialSettings(BaseGenericSetting):
    """Site-wide quota (2 articles a month, from the 2017 meeting) and reminder schedule."""

    default_monthly_quota = models.PositiveSmallIntegerField(
        _("chỉ tiêu tin bài mỗi tháng (mặc định)"),
        default=2,
        help_text=_("Áp dụng cho đơn vị không đặt chỉ tiêu riêng."),
    )
    reminder_day = models.PositiveSmallIntegerField(
        _("ngày bắt đầu nhắc đơn vị chưa đạt chỉ tiêu"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Từ ngày này trong tháng, đơn vị chưa đủ tin bài nhận thư nhắc mỗi ngày."),
    )

    panels = [FieldPanel("default_monthly_quota"), FieldPanel("reminder_day")]

    class Meta:
        verbose_name = _("thống kê tin bài")
