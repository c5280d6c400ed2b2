"""URLs: the admin stays unprefixed; public pages and search carry the language (/vi/…, /en/…)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from home import routing as home_routing
from home import views as home_views
from home.sitemaps import SITEMAPS
from procedures.api import ProcedureAPIViewSet
from search import views as search_views
from sections.feeds import LatestNewsFeed

# Wagtail API v2, read-only, for other portals: /api/v2/procedures/.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("procedures", ProcedureAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", home_views.healthz, name="healthz"),
    path("visits/", home_views.visits, name="visits"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("rss/", LatestNewsFeed(), name="news_feed"),
    # Wagtail's page serving with one-query routing (home/routing.py); same pattern as wagtail_serve.
    re_path(r"^((?:[\w\-]+/)*)$", home_routing.serve, name="portal_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
