"""Department rights, derived from section ownership by one idempotent function.

``sync_department_permissions()`` is the single source of truth for what a department group may do.
It is called when a department or a section page is saved (``sections.signals``), by
``manage.py sync_department_permissions`` and by ``load_demo``. It never touches groups that do not
belong to a department (Wagtail's own Editors/Moderators, groups an administrator made by hand).
"""

import contextlib
import threading

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
    get_page_models,
)

from .models.departments import Department

# What a department gets on the sections it owns, and what the editorial board gets everywhere.
DEPARTMENT_PAGE_PERMISSIONS = ("add", "change")
EDITORIAL_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
DEPARTMENT_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)
EDITORIAL_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose", "delete")),
    ("wagtaildocs", "document", ("add", "change", "choose", "delete")),
)
WORKFLOW_NAME = "Ban biên tập duyệt tin bài"
TASK_NAME = "Ban biên tập phê duyệt"

_state = threading.local()

# Model permissions that other apps grant to the owners of a section type and to the editorial board:
# (section model label, model label, actions). Filled by ``register_section_model_permissions``.
SECTION_MODEL_PERMISSIONS = []


def register_section_model_permissions(section_model, model, actions):
    """Declare that the departments owning pages of ``section_model`` (an "app.Model" label) and the
    editorial board get ``actions`` (e.g. ("view",)) on ``model``. Kept in sync like every other right."""
    entry = (section_model, model, tuple(actions))
    if entry not in SECTION_MODEL_PERMISSIONS:
        SECTION_MODEL_PERMISSIONS.append(entry)


@contextlib.contextmanager
def sync_deferred():
    """Run a bulk change (demo loading, imports) with one sync at the end instead of one per save."""
    depth = getattr(_state, "deferred", 0)
    _state.deferred = depth + 1
    try:
        yield
    finally:
        _state.deferred = depth
        if depth == 0:
            sync_department_permissions()


def sync_is_deferred():
    return getattr(_state, "deferred", 0) > 0


def section_models():
    from .models.pages import SectionBase

    return [model for model in get_page_models() if issubclass(model, SectionBase)]


def _permission(app_label, model, action):
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    return Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")


def _page_permission(action):
    return _permission("wagtailcore", "page", action)


def ensure_group_and_collection(department):
    """Create or rename the department's group and media collection; returns the group."""
    group = department.group
    if group is None:
        group, _created = Group.objects.get_or_create(name=department.group_name)
    elif group.name != department.group_name:
        group.name = department.group_name
        group.save(update_fields=["name"])
    collection = department.collection
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=department.name_vi).first()
        if collection is None:
            collection = root.add_child(name=department.name_vi)
    updates = {}
    if department.group_id != group.pk:
        updates["group"] = group
    if department.collection_id != collection.pk:
        updates["collection"] = collection
    if updates:
        Department.objects.filter(pk=department.pk).update(**updates)
        for key, value in updates.items():
            setattr(department, key, value)
    return group


def desired_page_permissions(departments):
    """Set of (group_id, page_id, permission_id) that ownership implies."""
    add, change = (_page_permission(a) for a in DEPARTMENT_PAGE_PERMISSIONS)
    active = [d for d in departments if d.is_active and d.group_id]
    by_id = {d.pk: d for d in active}
    desired = set()
    for model in section_models():
        for page_id, department_id in model.objects.values_list("pk", "department_id"):
            owner = by_id.get(department_id)
            if owner:
                desired.add((owner.group_id, page_id, add.pk))
                desired.add((owner.group_id, page_id, change.pk))
            if model.open_to_all_departments:
                # Shared section: every unit may add articles; each edits those of its own unit.
                for department in active:
                    desired.add((department.group_id, page_id, add.pk))
    editorial_perms = [_page_permission(a) for a in EDITORIAL_PAGE_PERMISSIONS]
    roots = list(Page.get_root_nodes().values_list("pk", flat=True))
    for department in active:
        if department.is_editorial_board:
            for root_id in roots:
                for perm in editorial_perms:
                    desired.add((department.group_id, root_id, perm.pk))
    return desired


def desired_collection_permissions(departments):
    root = Collection.get_first_root_node()
    desired = set()
    for department in departments:
        if not (department.is_active and department.group_id):
            continue
        if department.is_editorial_board:
            collection_id, spec = root.pk, EDITORIAL_COLLECTION_PERMISSIONS
        else:
            collection_id, spec = department.collection_id, DEPARTMENT_COLLECTION_PERMISSIONS
        for app_label, model, actions in spec:
            for action in actions:
                desired.add((department.group_id, collection_id, _permission(app_label, model, action).pk))
    return desired


def _sync_rows(model, key_fields, desired, group_ids):
    current = {
        tuple(row[:-1]): row[-1] for row in model.objects.filter(group_id__in=group_ids).values_list(*key_fields, "pk")
    }
    stale = [pk for key, pk in current.items() if key not in desired]
    model.objects.filter(pk__in=stale).delete()
    missing = desired - set(current)
    model.objects.bulk_create([model(**dict(zip(key_fields, key, strict=True))) for key in sorted(missing)])
    return len(missing), len(stale)


def sync_model_permissions(departments):
    """Admin access for every department group; Q&A answering for the owners of Q&A sections; what other
    apps declared through ``register_section_model_permissions``."""
    from django.apps import apps

    from .models.questions import QuestionIndexPage

    access_admin = _permission("wagtailadmin", "admin", "access")
    question_perms = [_permission("sections", "question", a) for a in ("view", "change", "delete")]
    qa_owner_ids = set(QuestionIndexPage.objects.values_list("department_id", flat=True))
    registered = []  # (owner department ids, permissions) declared by other apps
    for section_label, model_label, actions in SECTION_MODEL_PERMISSIONS:
        section_model, model = apps.get_model(section_label), apps.get_model(model_label)
        owner_ids = set(section_model.objects.values_list("department_id", flat=True))
        registered.append((owner_ids, [_permission(model._meta.app_label, model._meta.model_name, a) for a in actions]))
    for department in departments:
        if not department.group_id:
            continue
        group = department.group
        wanted = {access_admin} if department.is_active else set()
        if department.is_active and (department.is_editorial_board or department.pk in qa_owner_ids):
            wanted.update(question_perms)
        for owner_ids, perms in registered:
            if department.is_active and (department.is_editorial_board or department.pk in owner_ids):
                wanted.update(perms)
        managed = {access_admin, *question_perms, *(p for _ids, perms in registered for p in perms)}
        current = set(group.permissions.filter(pk__in=[p.pk for p in managed]))
        group.permissions.remove(*(current - wanted))
        group.permissions.add(*(wanted - current))


def ensure_moderation_workflow(departments):
    """One workflow, on every root page: a group approval task for the editorial board's groups."""
    board_groups = [d.group for d in departments if d.is_editorial_board and d.is_active and d.group_id]
    if not board_groups:
        return None
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    if set(task.groups.all()) != set(board_groups):
        task.groups.set(board_groups)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for root in Page.get_root_nodes():
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def sync_department_permissions():
    """Make every department group's rights match section ownership. Idempotent; returns a summary."""
    departments = list(Department.objects.select_related("group"))
    for department in departments:
        ensure_group_and_collection(department)
    group_ids = [d.group_id for d in departments if d.group_id]
    page_added, page_removed = _sync_rows(
        GroupPagePermission, ("group_id", "page_id", "permission_id"), desired_page_permissions(departments), group_ids
    )
    collection_added, collection_removed = _sync_rows(
        GroupCollectionPermission,
        ("group_id", "collection_id", "permission_id"),
        desired_collection_permissions(departments),
        group_ids,
    )
    sync_model_permissions(departments)
    ensure_moderation_workflow(departments)
    return {
        "departments": len(departments),
        "page_permissions_added": page_added,
        "page_permissions_removed": page_removed,
        "collection_permissions_added": collection_added,
        "collection_permissions_removed": collection_removed,
    }


class ArticlePermissionTester(PagePermissionTester):
    """In a shared section, an article is editable by every editor of its attributed department.

    Wagtail's "add" permission lets a user edit only pages they own; a unit's articles should stay
    editable by the unit when a colleague wrote them.
    """

    def can_edit(self):
        if super().can_edit():
            return True
        if not self.user.is_active or "add" not in getattr(self, "permissions", set()):
            return False
        department_id = getattr(self.page, "department_id", None)
        return bool(department_id) and Department.objects.for_user(self.user).filter(pk=department_id).exists()


def describe_sync(summary):
    return (
        _(
            "%(departments)d đơn vị; quyền trang: +%(page_permissions_added)d/-%(page_permissions_removed)d; "
            "quyền thư mục: +%(collection_permissions_added)d/-%(collection_permissions_removed)d"
        )
        % summary
    )
