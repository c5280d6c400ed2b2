"""RSS feed of the latest live articles in the current language."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import ArticlePage


class LatestNewsFeed(Feed):
    def title(self):
        from home.models import AgencySettings

        return _("Tin mới — %(agency)s") % {"agency": AgencySettings.load().name}

    def link(self):
        return "/"

    def description(self):
        return _("Tin tức, sự kiện mới nhất của cổng thông tin.")

    def items(self):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .order_by("-first_published_at")
            .select_related("department")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url or item.url

    def item_pubdate(self, item):
        return item.first_published_at or timezone.now()

    def item_categories(self, item):
        return [item.department.name] if item.department_id else []
