"""manage.py sync_department_permissions: re-derive every department group's rights from ownership."""

from django.core.management.base import BaseCommand

from sections.permissions import describe_sync, sync_department_permissions


class Command(BaseCommand):
    help = "Đồng bộ quyền của nhóm đơn vị theo chuyên mục đơn vị phụ trách (idempotent)."

    def handle(self, *args, **options):
        summary = sync_department_permissions()
        self.stdout.write(self.style.SUCCESS(describe_sync(summary)))
