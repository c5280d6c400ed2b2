"""Site search over the current language's live pages, Vietnamese-aware (see home.search)."""

from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from home.search import vietnamese_search
from home.text import clean_query
from sections.models.pages import paginate


def _similar_procedures(locale):
    """Typo fallback: procedures of this locale whose folded title is close to the query."""
    from procedures.models import ProcedurePage
    from procedures.search import similar_procedures

    def fallback(folded_query):
        return similar_procedures(folded_query, ProcedurePage.objects.live().public().filter(locale=locale))

    return fallback


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = []
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale).specific()
        results = vietnamese_search(pages, query, fallback=_similar_procedures(locale))
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": paginate(request, results)}
    )
