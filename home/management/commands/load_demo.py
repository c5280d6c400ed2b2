"""manage.py load_demo: build the demo portal (agency, units, editors, sections, articles, documents).

Each project app may ship a ``demo`` module with ``load(context)``; they run in INSTALLED_APPS order
(home, sections, procedures, investment), so an app's demo data can rely on the apps it builds on.
Idempotent: a second run finds everything in place and changes nothing.
"""

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.security import DEMO_PASSWORD, demo_password_allowed

DEFAULT_PASSWORD = DEMO_PASSWORD


@dataclass
class DemoContext:
    """What each app's demo loader receives."""

    password: str
    stdout: object
    style: object
    created: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message)

    def count(self, what, n=1):
        self.created[what] = self.created.get(what, 0) + n


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (demo) cho cổng thông tin. Chạy lại nhiều lần không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=(
                f"Mật khẩu cho các tài khoản demo. Mặc định '{DEFAULT_PASSWORD}' chỉ dùng được khi DEBUG bật "
                "và PORTAL_ALLOW_DEMO_PASSWORD=true."
            ),
        )

    def handle(self, *args, **options):
        password = options.get("password") or DEFAULT_PASSWORD
        if password == DEFAULT_PASSWORD and not demo_password_allowed():
            # Same rule as the login guard (portal.security): "demo" only with DEBUG and an explicit flag.
            raise CommandError(
                "Pass --password with a strong password for the demo accounts: the default 'demo' password "
                "is only accepted in development (DEBUG on and PORTAL_ALLOW_DEMO_PASSWORD=true)."
            )
        context = DemoContext(password=password, stdout=self.stdout, style=self.style)
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.path.startswith(str(settings.BASE_DIR)) and find_spec(module_name):
                    module = import_module(module_name)
                    if hasattr(module, "load"):
                        module.load(context)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(context.created.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({summary})."))
