"""Template tags for the public site: navigation, breadcrumbs, language alternates and switcher."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from home.navigation import ancestors_of, chrome, language_versions

register = template.Library()


def _home_for_request(request):
    """The home page of the active language (falls back to the site's root page)."""
    return chrome(request)["home"]


@register.simple_tag(takes_context=True)
def current_home(context):
    return _home_for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The sections shown in the main navigation, in tree order, with their live menu children (cached)."""
    return chrome(context.get("request"))["menu"]


@register.simple_tag(takes_context=True)
def special_pages(context):
    """The current language's special sections by role ("news", "documents", "questions", "contact",
    "sitemap", "procedures", "investment"), as declared by each page type's ``portal_role`` (cached).
    """
    return chrome(context.get("request"))["special"]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the locale's home page down to (not including) ``page``."""
    if page is None or page.depth <= 2:
        return []
    return [ancestor for ancestor in ancestors_of(context.get("request"), page) if ancestor.depth >= 2]


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per configured language: the translated page where it exists, else that language's home.

    Each item: code, name, url, is_current, is_translation, is_fallback. Without a translation the link
    goes to the nearest translated ancestor below the home page (the translated section) with
    ``?untranslated=1``, so base.html tells the visitor why they landed there; with none, to the home page.
    """
    request = context.get("request")
    current = translation.get_language()
    translations, fallbacks = {}, {}
    if page is not None and getattr(page, "pk", None):
        versions = language_versions(request, page)
        translations, fallbacks = versions["translations"], versions["fallbacks"]
    homes = chrome(request)["homes"]
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        is_fallback = False
        if target is None:
            target = fallbacks.get(code)
            is_fallback = target is not None
        url = None
        if target is not None:
            with translation.override(code):
                url = target.get_url(request=request)
        elif code in homes:
            url = homes[code]["url"]
        if url is None:
            url = f"/{code}/"
        elif is_fallback:
            url += "?untranslated=1"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": is_translation,
                "is_fallback": is_fallback,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page=None):
    """<link rel="alternate" hreflang> data: every live translation of the page with its full URL."""
    request = context.get("request")
    if page is None or not getattr(page, "pk", None):
        return []
    alternates = []
    for candidate in language_versions(request, page)["translations"].values():
        code = candidate.locale.language_code
        with translation.override(code):
            url = candidate.get_full_url(request=request)
        if url:
            alternates.append({"code": code, "url": url})
    alternates.sort(key=lambda item: item["code"] != settings.LANGUAGE_CODE)
    if alternates:
        default = next((a for a in alternates if a["code"] == settings.LANGUAGE_CODE), alternates[0])
        alternates.append({"code": "x-default", "url": default["url"]})
    return alternates


@register.simple_tag(takes_context=True)
def most_read(context, limit=5):
    """The most viewed live pages of the current language (from the visit counter)."""
    from home.models import PageViews

    home = chrome(context.get("request"))["home"]
    locale_id = home.locale_id if home is not None else Locale.get_active().pk
    ids = list(
        PageViews.objects.filter(page__live=True, page__locale_id=locale_id, page__depth__gt=2)
        .order_by("-views", "page_id")
        .values_list("page_id", flat=True)[:limit]
    )
    pages = Page.objects.filter(pk__in=ids).specific(defer=True).in_bulk()  # one query per page type, not per row
    return [pages[pk] for pk in ids if pk in pages]


@register.filter
def localized(obj, field):
    """``{{ dept|localized:"name" }}`` picks ``name_en`` for non-Vietnamese readers when present."""
    from home.models import pick_language

    return pick_language(getattr(obj, f"{field}_vi", ""), getattr(obj, f"{field}_en", ""))


@register.filter
def page_window(items):
    """The page numbers to link around the current page (first, last, two on each side, "…" for the
    gaps), computed without walking every page: a listing of 20,000 articles has 2,000 pages."""
    return list(items.paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1))
