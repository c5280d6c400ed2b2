"""Typo tolerance for procedure titles: "giay phep xay dugn" still finds "Cấp giấy phép xây dựng".

PostgreSQL: pg_trgm word similarity on the stored folded title (trigram GIN index, migration 0004).
Other databases: difflib over the folded titles, fine for the few thousand procedures a province has.
"""

import difflib

from django.db import connection

from .models import ProcedurePage

TRIGRAM_THRESHOLD = 0.45
DIFFLIB_THRESHOLD = 0.7


def similar_procedures(folded_query, queryset=None, limit=20):
    """Procedures whose folded title is close to ``folded_query`` (already folded), closest first."""
    queryset = queryset if queryset is not None else ProcedurePage.objects.live()
    if not folded_query:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        return list(
            queryset.annotate(similarity=TrigramWordSimilarity(folded_query, "folded_title"))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .order_by("-similarity", "pk")[:limit]
        )
    scored = []
    for pk, title in queryset.values_list("pk", "folded_title"):
        score = _word_similarity(folded_query, title)
        if score >= DIFFLIB_THRESHOLD:
            scored.append((-score, pk))
    ids = [pk for _score, pk in sorted(scored)[:limit]]
    pages = queryset.in_bulk(ids)
    return [pages[pk] for pk in ids]


def _word_similarity(query, title):
    """How well each query word matches its closest title word, on average (0..1)."""
    words, title_words = query.split(), title.split()
    if not words or not title_words:
        return 0.0
    best = [max(difflib.SequenceMatcher(None, w, t).ratio() for t in title_words) for w in words]
    return sum(best) / len(best)
