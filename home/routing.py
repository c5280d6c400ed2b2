"""Page routing in a fixed number of queries, whatever the depth of the URL.

Wagtail's ``Page.route`` walks the tree one URL segment at a time: one query for each child looked
up plus one to make it specific, and two more to find the home page of the active language. Here
every page the URL can name is fetched in one query (by ``url_path``, from the home page's path in
Wagtail's cached site root paths), the walk happens in memory, and only the page served is made
specific. The behaviour is Wagtail's: a page type with its own ``route`` (other than
``RoutablePageMixin``'s, whose sub-URLs are resolved here from the class) gets Wagtail's routing from
that page on, a missing segment is a 404, and the served page must be live.

``serve`` stores the result where Wagtail looks for it (``request._wagtail_route_for_request``) and
then does what ``wagtail.views.serve`` does (the serve hooks all run), except that Wagtail's
view-restriction check is skipped when no restriction can apply (``home.navigation.may_be_restricted``:
the restricted subtrees are cached), which saves its two queries on every page.
"""

from django.http import Http404, HttpResponse
from django.urls import Resolver404
from django.utils.translation import get_language
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.models.pages import AbstractPage
from wagtail.wagtail_hooks import check_view_restrictions

from .navigation import may_be_restricted

_route_kinds = {}


def _route_kind(cls):
    """ "default" (Wagtail's Page.route), "routable" (RoutablePageMixin's, then Page's) or "custom"."""
    kind = _route_kinds.get(cls)
    if kind is None:
        owners = [klass for klass in cls.__mro__ if "route" in klass.__dict__]
        if owners and owners[0] is AbstractPage:
            kind = "default"
        elif len(owners) > 1 and owners[0] is RoutablePageMixin and owners[1] is AbstractPage:
            kind = "routable"
        else:
            kind = "custom"
        _route_kinds[cls] = kind
    return kind


def _routable_path_matches(cls, components):
    path = "/" + "".join(f"{component}/" for component in components)
    try:
        cls.get_resolver().resolve(path)
    except (Resolver404, Http404):
        return False
    return True


def _home_url_path(site):
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        return None
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return None


def route(request, path):
    """Wagtail's ``RouteResult`` for ``path``; raises Http404; None to let Wagtail route it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    home_path = _home_url_path(site)
    if home_path is None:
        return None
    components = [component for component in path.split("/") if component]
    paths = [home_path]
    for component in components:
        paths.append(paths[-1] + component + "/")
    by_path = {page.url_path: page for page in Page.objects.filter(url_path__in=paths)}
    current = by_path.get(home_path)
    if current is None or not current.live or current.translation_key != site.root_page.translation_key:
        return None  # no live home page in this language: Wagtail falls back to the site's root page
    walked = [current]
    for index, component in enumerate(components):
        cls = current.specific_class
        kind = _route_kind(cls) if cls is not None else "custom"
        remaining = components[index:]
        if kind == "custom" or (kind == "routable" and current.live and _routable_path_matches(cls, remaining)):
            return current.specific.route(request, remaining)
        child = by_path.get(current.url_path + component + "/")
        if child is None:
            raise Http404
        child._cached_parent_obj = current
        walked.append(child)
        current = child
    served = current.specific
    if len(walked) > 1:
        served._cached_parent_obj = walked[-2]  # get_parent() without a query
    result = served.route(request, [])
    request._portal_route_pages = walked  # the served page's ancestors, for breadcrumbs and language links
    return result


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            result = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if result is not None:
                request._wagtail_route_for_request = result
    return _serve(request, path)


def _fast_view_restrictions(callback):
    """Wagtail's view-restriction check, skipped (no query) when no restriction can apply to the page."""
    checked = check_view_restrictions(callback)

    def inner(page, request, serve_args, serve_kwargs):
        if may_be_restricted(page):
            return checked(page, request, serve_args, serve_kwargs)
        return callback(page, request, serve_args, serve_kwargs)

    return inner


def _serve(request, path):
    """``wagtail.views.serve`` with the view-restriction hook replaced by ``_fast_view_restrictions``."""
    route_result = Page.route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = (_fast_view_restrictions if fn is check_view_restrictions else fn)(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
