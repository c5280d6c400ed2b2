"""Vietnamese-aware full-text search on any Wagtail backend.

Pages index a folded copy of their text (``BasePage.search_folded``); here the visitor's query is
folded the same way and searched with OR semantics, so an unaccented word, ``đ`` typed as ``d`` or a
filler word ("xin", "làm") never empties the results. The backend's candidates are then re-ranked so
that titles containing the words exactly as typed (with their diacritics) come first, then titles
matching the folded words, then the closest (fewest other words) titles, then the backend's order.
"""

from home.text import fold_for_search, query_words

MAX_CANDIDATES = 500


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


def vietnamese_search(queryset, query, *, fallback=None, min_results=3, limit=MAX_CANDIDATES):
    """The pages of ``queryset`` matching ``query``, best first, as a list.

    ``fallback(folded_query)``, when given, supplies extra candidates (typo tolerance) if the backend
    finds fewer than ``min_results``.
    """
    backend_query = folded_query(query)
    if not backend_query:
        return []
    results = list(queryset.search(backend_query, operator="or")[:limit])
    if fallback is not None and len(results) < min_results:
        seen = {page.pk for page in results}
        results += [page for page in fallback(backend_query) if page.pk not in seen]
    ordered = sorted(enumerate(results), key=rank_key(query))
    return [page for _position, page in ordered]


def vietnamese_autocomplete(queryset, query, limit=10):
    """Pages whose title starts words as typed, folded: "dang ky d" finds "Đăng ký đầu tư"."""
    backend_query = folded_query(query)
    if not backend_query:
        return []
    results = list(queryset.autocomplete(backend_query, operator="and")[: limit * 3])
    ordered = sorted(enumerate(results), key=rank_key(query))
    return [page for _position, page in ordered][:limit]
