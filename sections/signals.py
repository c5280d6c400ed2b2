"""Keep department rights in step with ownership: any save of a department or a section re-syncs."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .models.departments import Department
from .models.pages import SectionBase
from .permissions import sync_department_permissions, sync_is_deferred


def _sync():
    if not sync_is_deferred():
        sync_department_permissions()


@receiver(post_save, sender=Department)
def department_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync()


@receiver(post_delete, sender=Department)
def department_deleted(sender, instance, **kwargs):
    # A deleted department's group keeps its members but loses every derived right.
    if instance.group_id:
        GroupPagePermission.objects.filter(group_id=instance.group_id).delete()
        GroupCollectionPermission.objects.filter(group_id=instance.group_id).delete()
        instance.group.permissions.clear()


@receiver(post_save)
def section_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, SectionBase):
        return
    # Revision bookkeeping saves only a few fields; ownership changes only when `department` does.
    if update_fields is not None and not {"department", "department_id"} & set(update_fields):
        return
    _sync()
