"""What every public page shows around its content, computed once per language and cache generation.

The home page of the language, the main menu, the special sections by role, the other languages'
home pages, the agency settings and the pages under view restrictions are the same for every page;
they are kept in Django's cache under the page cache generation (``home.cache``), which every
publish, unpublish, move, delete and snippet or setting change bumps, so they are never stale.
Within one request they are memoised on the request.
"""

from django.core.cache import cache
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site

from .cache import current_generation

CHROME_SECONDS = 3600


def cached_for_generation(name, build, timeout=CHROME_SECONDS):
    """``build()`` kept in the cache until the generation changes (built every time if it is unknown)."""
    try:
        generation = current_generation()
    except Exception:  # noqa: BLE001 - the cache must never break a page
        generation = None
    if generation is None:
        return build()
    key = f"portal:{name}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def _site(request):
    if request is not None:
        return Site.find_for_request(request)
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def _build_chrome(site, language, request):
    root = site.root_page
    homes = {}
    for candidate in root.get_translations(inclusive=True).live().select_related("locale"):
        code = candidate.locale.language_code
        with translation.override(code):
            homes[code] = {"page": candidate, "url": candidate.get_url(request=request)}
    try:
        wanted = get_supported_content_language_variant(language)
    except LookupError:
        wanted = language
    home = homes.get(wanted, {}).get("page")
    if home is None:
        home = root  # Wagtail's fallback: the site's root page
    sections = list(home.get_children().live().in_menu())
    children = Page.objects.live().in_menu().filter(depth=home.depth + 2, path__startswith=home.path).order_by("path")
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    menu = [{"page": section, "children": by_parent.get(section.path, [])} for section in sections]
    special = {}
    restricted = restricted_paths()
    for child in home.get_children().live().specific(defer=True):
        if any(child.path.startswith(path) for path in restricted):
            continue
        role = getattr(child, "portal_role", "")
        if role and role not in special:
            special[role] = child
    return {"home": home, "menu": menu, "special": special, "homes": homes}


def chrome(request):
    """The shared parts of the page for this request's site and language (dict: home, menu, special, homes)."""
    memo = getattr(request, "_portal_chrome", None) if request is not None else None
    if memo is not None:
        return memo
    site = _site(request)
    if site is None:
        value = {"home": None, "menu": [], "special": {}, "homes": {}}
    else:
        language = translation.get_language() or ""
        value = cached_for_generation(f"chrome:{site.pk}:{language}", lambda: _build_chrome(site, language, request))
    if request is not None:
        request._portal_chrome = value
    return value


def catalogue(model):
    """Every row of a small catalogue snippet (fields, agencies, issuers...), in its default order,
    kept in the cache until anything is edited: listings read them on every request."""
    return cached_for_generation(f"catalogue:{model._meta.label_lower}", lambda: list(model.objects.all()))


def catalogue_entry(model, slug):
    """The catalogue row with this slug, or None (no query when the catalogue is cached)."""
    return next((row for row in catalogue(model) if row.slug == slug), None) if slug else None


def _view_restrictions():
    def build():
        return {
            "has_aliases": Page.objects.filter(alias_of__isnull=False).exists(),
            "paths": sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
        }

    return cached_for_generation("view-restrictions", build)


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    return _view_restrictions()["paths"]


def may_be_restricted(page):
    """False only when no view restriction can apply to ``page`` (then Wagtail's check is skipped)."""
    data = _view_restrictions()
    if data["has_aliases"]:
        return True
    return any(page.path.startswith(path) for path in data["paths"])


def public(queryset):
    """``queryset.public()`` without the query for the restrictions (they are cached)."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def language_versions(request, page):
    """One query, memoised per request, for the language switcher and the hreflang alternates:
    ``translations`` (code -> live translation of ``page``, itself included) and ``fallbacks``
    (code -> the deepest live translated ancestor below the home page, for languages without one)."""
    memo = getattr(request, "_portal_language_versions", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    ancestors = [ancestor for ancestor in ancestors_of(request, page) if ancestor.depth > 2]
    keys = {page.translation_key, *(ancestor.translation_key for ancestor in ancestors)}
    depth_of_key = {ancestor.translation_key: ancestor.depth for ancestor in ancestors}
    translations, fallbacks = {}, {}
    for candidate in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
        code = candidate.locale.language_code
        if candidate.translation_key == page.translation_key:
            translations[code] = candidate
        else:
            depth = depth_of_key[candidate.translation_key]
            if code not in fallbacks or depth > fallbacks[code][0]:
                fallbacks[code] = (depth, candidate)
    value = {
        "translations": translations,
        "fallbacks": {code: candidate for code, (_depth, candidate) in fallbacks.items()},
    }
    if request is not None:
        if memo is None:
            memo = request._portal_language_versions = {}
        memo[page.pk] = value
    return value


def ancestors_of(request, page):
    """``page``'s ancestors (from its home page down when the router served it: no query)."""
    routed = getattr(request, "_portal_route_pages", None) if request is not None else None
    if routed and routed[-1].pk == page.pk:
        return routed[:-1]
    return list(page.get_ancestors())
