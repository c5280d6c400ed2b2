from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Trang chủ và nhận diện cơ quan")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from .cache_invalidation import connect as connect_page_cache_invalidation
        from .locales import post_migrate_handler

        connect_page_cache_invalidation()

        post_migrate.connect(post_migrate_handler, sender=self)
