"""Vietnamese-aware full-text search on any Wagtail backend.

Pages index a folded copy of their text (``BasePage.search_folded``); here the visitor's query is
folded the same way and searched with OR semantics, so an unaccented word, ``đ`` typed as ``d`` or a
filler word ("xin", "làm") never empties the results. The backend's candidates are then re-ranked so
that titles containing the words exactly as typed (with their diacritics) come first, then titles
matching the folded words, then the closest (fewest other words) titles, then the backend's order.

On Wagtail's database backend (PostgreSQL, SQLite) the candidates come from ``search.candidates``,
which queries the index table in small bounded steps instead of letting the backend rank every
match (the cost on large sites); other backends use Wagtail's own search.
"""

import logging

from home.text import fold_for_search, query_words

MAX_CANDIDATES = 500
logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The search engine (Elasticsearch/OpenSearch) did not answer: search is temporarily unavailable."""


def backend_errors():
    """Exceptions that mean the external search engine is down or refused the request."""
    errors = [ConnectionError, TimeoutError]
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:  # pragma: no cover
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:  # pragma: no cover
        pass
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    return tuple(errors)


def _run(search):
    """Evaluate a backend search; an engine outage becomes ``SearchUnavailable`` (logged)."""
    try:
        return list(search())
    except backend_errors() as error:
        logger.error("Search engine unavailable: %s: %s", type(error).__name__, error)
        raise SearchUnavailable(str(error)) from error


def uses_elasticsearch(backend=None):
    """True when the search backend is Elasticsearch/OpenSearch (its analyzers fold; it knows fuzziness)."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
    from wagtail.search.backends import get_search_backend

    return isinstance(backend or get_search_backend(), ElasticsearchBaseSearchBackend)


def backend_query(query, backend=None):
    """What to send to the backend for ``query``.

    Database backends: the folded words (the index holds a folded copy). Elasticsearch/OpenSearch:
    the words as typed in a fuzzy OR query; the index analyzers fold while keeping the original
    token, so exact accents score higher and typos are tolerated (fuzziness AUTO).
    """
    if uses_elasticsearch(backend):
        from wagtail.search.query import Fuzzy

        words = " ".join(query_words(query))
        return Fuzzy(words, operator="or") if words else None
    return folded_query(query) or None


def folded_query(query):
    """The backend query string: folded words only (no operator characters reach the backend)."""
    return " ".join(query_words(fold_for_search(query)))


def rank_key(query):
    """A sort key for results of ``query``: exact-diacritic title matches first."""
    raw_words = set(query_words(query))
    folded_words = set(query_words(fold_for_search(query)))
    raw_phrase = " ".join(query_words(query))
    folded_phrase = " ".join(query_words(fold_for_search(query)))

    def key(item):
        position, page = item
        title_words = query_words(page.title)
        folded_title_words = query_words(fold_for_search(page.title))
        title_text, folded_title_text = " ".join(title_words), " ".join(folded_title_words)
        return (
            -(raw_phrase in title_text),
            -len(raw_words.intersection(title_words)),
            -(folded_phrase in folded_title_text),
            -len(folded_words.intersection(folded_title_words)),
            # Then the title with the fewest other words: "Cấp giấy phép môi trường" before
            # "Cấp lại giấy phép môi trường" for "giấy phép môi trường".
            len(set(folded_title_words) - folded_words),
            position,
        )

    return key


def _fast_candidates(queryset):
    from search.candidates import available

    return available(queryset)


def _pages(queryset, hits):
    """The pages of ``queryset`` for these hits (or pages), in this order (one query)."""
    pks = [hit.pk for hit in hits]
    found = {page.pk: page for page in queryset.filter(pk__in=pks)} if pks else {}
    return [found[pk] for pk in pks if pk in found]


def ranked_hits(queryset, query, *, fallback=None, min_results=3, limit=MAX_CANDIDATES):
    """What ``vietnamese_search`` finds, best first, as objects with ``pk``, ``title`` and
    ``content_type_id`` only (light candidates on the database backend, pages elsewhere): for views
    that make only the page of results they show into pages.

    ``fallback(folded_query)``, when given, supplies extra candidates (typo tolerance) if the backend
    finds fewer than ``min_results``.
    """
    search_query = backend_query(query)
    if search_query is None:
        return []
    if isinstance(search_query, str) and _fast_candidates(queryset):
        from search.candidates import search_candidates

        results = search_candidates(queryset, search_query, query)[:limit]
    elif isinstance(search_query, str):
        results = _run(lambda: queryset.search(search_query, operator="or")[:limit])
    else:
        results = _run(lambda: queryset.search(search_query)[:limit])
    if fallback is not None and len(results) < min_results:
        seen = {hit.pk for hit in results}
        results += [page for page in fallback(folded_query(query)) if page.pk not in seen]
    ordered = sorted(enumerate(results), key=rank_key(query))
    return [hit for _position, hit in ordered]


def vietnamese_search(queryset, query, *, fallback=None, min_results=3, limit=MAX_CANDIDATES):
    """The pages of ``queryset`` matching ``query``, best first, as a list (see ``ranked_hits``)."""
    hits = ranked_hits(queryset, query, fallback=fallback, min_results=min_results, limit=limit)
    return _pages(queryset, hits)


def vietnamese_autocomplete(queryset, query, limit=10):
    """Pages whose title starts words as typed, folded: "dang ky d" finds "Đăng ký đầu tư"."""
    words = folded_query(query)
    if not words:
        return []
    fast = _fast_candidates(queryset)
    if fast:
        from search.candidates import autocomplete_candidates

        results = autocomplete_candidates(queryset, words, limit * 3)
    else:
        results = _run(lambda: queryset.autocomplete(words, operator="and")[: limit * 3])
    ordered = [hit for _position, hit in sorted(enumerate(results), key=rank_key(query))][:limit]
    return _pages(queryset, ordered) if fast else ordered
