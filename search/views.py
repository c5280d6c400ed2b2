"""Site search over the current language's live pages, Vietnamese-aware (see home.search).

Also: a type filter (derived from the page types found, never a hard-coded list), search
promotions and the search-terms report (wagtail.contrib.search_promotions), queries that found
nothing recorded for the editorial board, and a JSON autocomplete for the search boxes.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from home.navigation import public
from home.page_cache import no_page_cache
from home.search import SearchUnavailable, ranked_hits, vietnamese_autocomplete
from home.text import clean_query, fold_for_search
from sections.models.pages import paginate

from .models import UnansweredQuery

SUGGESTIONS = 8


def _similar_procedures(locale):
    """Typo fallback: procedures of this locale whose folded title is close to the query."""
    from procedures.models import ProcedurePage
    from procedures.search import similar_procedures

    def fallback(folded_query):
        return similar_procedures(folded_query, public(ProcedurePage.objects.live()).filter(locale=locale))

    return fallback


def _page_model(page):
    return ContentType.objects.get_for_id(page.content_type_id).model_class() or Page


def _type_key(page):
    return _page_model(page)._meta.label_lower


def _specific(pages):
    """The specific pages for one page of results, in the same order (one query per page type)."""
    found = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific()}
    return [found[page.pk] for page in pages if page.pk in found]


def search_unavailable(request, query=""):
    """503 page when the search engine is down: clear, in the visitor's language, asks to retry later."""
    response = TemplateResponse(request, "search/unavailable.html", {"search_query": query}, status=503)
    response["Retry-After"] = "120"
    return response


@no_page_cache  # every search counts in the search-terms and unanswered-queries reports
def search(request):
    query = clean_query(request.GET.get("q", ""))
    try:
        return _search(request, query)
    except SearchUnavailable:
        return search_unavailable(request, query)


def _search(request, query):
    selected_type = clean_query(request.GET.get("type", ""), 100)
    results, types, promotions = [], [], []
    if query:
        locale = Locale.get_active()
        # Candidates as light hits (pk, title, type); only the page of results shown becomes pages.
        pages = public(Page.objects.live()).filter(locale=locale)
        results = ranked_hits(pages, query, fallback=_similar_procedures(locale))
        counts = {}
        for page in results:
            key = _type_key(page)
            label, count = counts.get(key, (_page_model(page)._meta.verbose_name, 0))
            counts[key] = (label, count + 1)
        types = [
            {"key": key, "label": label, "count": count, "selected": key == selected_type}
            for key, (label, count) in sorted(counts.items(), key=lambda item: -item[1][1])
        ]
        if selected_type in counts:
            results = [page for page in results if _type_key(page) == selected_type]
        else:
            selected_type = ""
        if request.GET.get("page", "1") == "1":
            # Count each search once (not each page of results), for the search-terms report.
            search_query = Query.get(query)
            search_query.add_hit()
            # Promotions entered for the query as typed or for its unaccented form.
            picks = SearchPromotion.objects.filter(
                query__query_string__in={search_query.query_string, fold_for_search(query)}
            ).select_related("page")
            promotions = [
                pick
                for pick in picks.order_by("sort_order", "pk")
                if pick.page_id is None or (pick.page.live and pick.page.locale_id == locale.pk)
            ]
            if not results and not selected_type:
                UnansweredQuery.record(query, get_language() or "")
    results_page = paginate(request, results)
    results_page.object_list = _specific(results_page.object_list)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results_page,
            "result_types": types,
            "selected_type": selected_type,
            "promotions": promotions,
        },
    )


def suggest(request):
    """Autocomplete for the search boxes: {"query": ..., "suggestions": [{title, url, type}]}."""
    query = clean_query(request.GET.get("q", ""), 100)
    suggestions = []
    if len(query) >= 2:
        pages = public(Page.objects.live()).filter(locale=Locale.get_active())
        try:
            found = vietnamese_autocomplete(pages, query, limit=SUGGESTIONS)
        except SearchUnavailable:
            message = str(_("Chức năng tìm kiếm tạm thời không hoạt động. Vui lòng thử lại sau."))
            response = JsonResponse({"query": query, "suggestions": [], "error": message}, status=503)
            response["Retry-After"] = "120"
            return response
        for page in found:
            suggestions.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": str(page.specific_class._meta.verbose_name),
                }
            )
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
