"""Middleware: any page whose search engine query fails (e.g. the procedure listing's text search
while Elasticsearch is down) answers the "search temporarily unavailable" page with 503, not a 500."""

from .search import SearchUnavailable


class SearchUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SearchUnavailable):
            from search.views import search_unavailable

            response = search_unavailable(request, request.GET.get("q", "")[:200])
            return response.render()
        return None
