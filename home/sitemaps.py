"""sitemap.xml for every language: the site's root page and all its translations' trees."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return Page.objects.filter(trees).live().public().order_by("path").defer_streamfields().specific()
