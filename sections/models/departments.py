"""Departments (units): who owns which sections and must publish a monthly quota of articles."""

from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Collection

from home.models import pick_language


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """The departments whose group the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(group__in=user.groups.all())


class Department(models.Model):
    """An organisational unit (phòng / đơn vị).

    Its rights are derived, never edited by hand: ``sections.permissions.sync_department_permissions``
    gives its group add and edit rights on the sections it owns plus its own media collection.
    """

    code = models.CharField(
        _("mã đơn vị"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9_-]*$", _("Chỉ dùng chữ in hoa, số, '-' hoặc '_'."))],
        help_text=_("Ví dụ: VP, QLDT. Dùng trong thống kê và báo cáo."),
    )
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử của đơn vị"), blank=True)
    monthly_quota = models.PositiveSmallIntegerField(
        _("chỉ tiêu tin bài mỗi tháng"),
        null=True,
        blank=True,
        help_text=_("Để trống để dùng chỉ tiêu chung của cổng (mặc định 2)."),
    )
    is_editorial_board = models.BooleanField(
        _("là Ban biên tập"),
        default=False,
        help_text=_("Ban biên tập được sửa, xuất bản, khóa và mở khóa mọi trang, và duyệt bài."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    group = models.OneToOneField(
        Group,
        verbose_name=_("nhóm người dùng"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="department",
    )
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("thư mục ảnh và tài liệu"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DepartmentQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Tên")),
        FieldPanel("email"),
        FieldPanel("monthly_quota"),
        FieldPanel("is_editorial_board"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def name(self):
        return pick_language(self.name_vi, self.name_en)

    @property
    def group_name(self):
        # Group names are unique and short enough for Django's 150-character limit.
        return f"{self.code} - {self.name_vi}"[:150]
