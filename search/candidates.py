"""Fast candidates for Vietnamese-aware search on Wagtail's database backend (PostgreSQL, SQLite).

Wagtail's database backends rank *every* page matching a query before cutting the list: PostgreSQL
computes ``ts_rank`` over ``title || body`` for each match (an OR query on common words matches most
of the site), and SQLite runs a correlated ``bm25`` subquery per page. At 30,000 pages that is
300–400 ms. Here the index table (``wagtailsearch_indexentry``, and its FTS5 twin on SQLite) is
queried directly in small steps, each bounded by a LIMIT:

1. exact title (when the query has diacritics): titles holding every word as typed;
2. title: folded titles (the index's autocomplete column) holding every word, ranked — cheap, titles
   are short;
3. body: pages whose folded text (the body column holds ``search_folded``) holds every word,
   unranked, newest first;
4. only while those find fewer than ``MIN_AND_RESULTS`` pages: steps 2 and 3 requiring one word
   fewer each time (at least n-1 of n words, then n-2, ... then any word), so a filler word ("xin",
   "cho") or a typo never empties the results, and the pages missing one word come before those
   missing several. A plain OR of common words matches most of the index and ranking that is the
   cost being avoided, so it comes last.

``home.search`` then re-ranks this small set in Python (exact-diacritic titles first). Every step is
restricted to the caller's queryset (live, public, locale, section...) by primary key, one query for
the steps run together (the all-words steps, then each relaxation level); when the restriction drops
rows a step asks the index once more, for many more rows.

``available(queryset)`` says whether this applies (database backend on PostgreSQL or on SQLite with
FTS5); otherwise ``home.search`` uses Wagtail's own search.
"""

import itertools
import math
import re
import unicodedata

from django.db import connections, router

TITLE_LIMIT = 100
BODY_LIMIT = 100
EXACT_LIMIT = 50
MIN_AND_RESULTS = 20
MAX_WORDS = 12
MAX_COMBINATIONS = 64
# A step asks the index for FETCH times the rows it keeps (the restriction drops other languages'
# and unpublished pages); a step still short after that asks once more, for REFILL times: each index
# query costs about the same whatever its LIMIT (the matches are found and sorted either way), so one
# big second query is cheaper than several growing ones.
FETCH = 4
REFILL = 16

TOKEN = re.compile(r"[^\W_]+")


def terms(text):
    """Index terms of already folded (or raw lower-case) text: letters and digits, NFC, capped."""
    words = TOKEN.findall(unicodedata.normalize("NFC", str(text)).lower())
    unique = list(dict.fromkeys(words))
    return unique[:MAX_WORDS]


def _index_entry_model():
    from wagtail.search.models import IndexEntry

    return IndexEntry


def _vendor(queryset):
    alias = router.db_for_read(_index_entry_model())
    return connections[alias].vendor, alias


def available(queryset):
    """True when the default backend is Wagtail's database backend on PostgreSQL or SQLite+FTS5."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    module = type(backend).__module__
    vendor, _alias = _vendor(queryset)
    if vendor == "postgresql":
        return module.endswith("database.postgres.postgres")
    if vendor == "sqlite":
        return module.endswith("database.sqlite.sqlite") and _fts_model() is not None
    return False


def _fts_model():
    try:
        from wagtail.search.models import SQLiteFTSIndexEntry
    except ImportError:
        return None
    return SQLiteFTSIndexEntry


def _content_types(model):
    from modelsearch.utils import get_descendants_content_types_pks

    return list(get_descendants_content_types_pks(model))


# --- the index queries, per database -------------------------------------------------------------


class PostgresIndex:
    """Steps as ORM queries on IndexEntry's tsvector columns (GIN indexes on each)."""

    AND, OR, PREFIX = "&", "|", ":*"

    def __init__(self, model, alias):
        self.entries = _index_entry_model().objects.using(alias).filter(content_type_id__in=_content_types(model))

    @staticmethod
    def quote(word):
        return f"'{word}'"  # words are letters/digits only; quoted anyway so nothing becomes syntax

    @classmethod
    def tsquery(cls, words, at_least=None, prefix=False):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(expression(cls, words, at_least, prefix), search_type="raw", config="simple")

    def _ranked(self, column, query, limit):
        from django.contrib.postgres.search import SearchRank
        from django.db.models import F

        # normalization 1: rank / (1 + log(length)) — shorter titles first among equal matches.
        return list(
            self.entries.filter(**{column: query})
            .annotate(rank=SearchRank(F(column), query, normalization=1))
            .order_by("-rank", "-id")
            .values_list("object_id", flat=True)[:limit]
        )

    def exact_titles(self, words, limit):
        return self._ranked("title", self.tsquery(words), limit)

    def titles(self, words, at_least, limit):
        return self._ranked("autocomplete", self.tsquery(words, at_least), limit)

    def bodies(self, words, at_least, limit):
        query = self.tsquery(words, at_least)
        return list(self.entries.filter(body=query).order_by("-id").values_list("object_id", flat=True)[:limit])

    def prefixes(self, words, limit):
        return self._ranked("autocomplete", self.tsquery(words, prefix=True), limit)


class SQLiteIndex:
    """Steps as raw FTS5 queries; bm25() ranks inside FTS5, no per-row subquery."""

    AND, OR, PREFIX = "AND", "OR", "*"

    def __init__(self, model, alias):
        self.alias = alias
        self.content_types = _content_types(model)
        self.entries = _index_entry_model()._meta.db_table
        self.fts = _fts_model()._meta.db_table

    @staticmethod
    def quote(word):
        return '"' + word.replace('"', '""') + '"'

    @classmethod
    def match(cls, column, words, at_least=None, prefix=False):
        return f"{column} : (" + expression(cls, words, at_least, prefix) + ")"

    def _select(self, match, order, limit):
        if not self.content_types:
            return []
        placeholders = ", ".join(["%s"] * len(self.content_types))
        sql = (
            f"SELECT e.object_id FROM {self.fts} AS f JOIN {self.entries} AS e ON e.id = f.rowid "  # noqa: S608
            f"WHERE {self.fts} MATCH %s AND e.content_type_id IN ({placeholders}) ORDER BY {order} LIMIT %s"
        )
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, [match, *self.content_types, limit])
            return [row[0] for row in cursor.fetchall()]

    def _ranked(self, match, limit):
        # Columns of the FTS table: autocomplete, body, title — only the matched column weighs.
        weights = {"autocomplete": "1.0, 0.0, 0.0", "title": "0.0, 0.0, 1.0"}[match.split(" ", 1)[0]]
        return self._select(match, f"bm25({self.fts}, {weights}), f.rowid DESC", limit)

    def exact_titles(self, words, limit):
        # The title column holds the title as typed; FTS5's unicode61 tokenizer folds letters with one
        # diacritic (é -> e) but keeps those with two (ầ, ế) and đ: "dầu" does not match "đầu".
        return self._ranked(self.match("title", words), limit)

    def titles(self, words, at_least, limit):
        return self._ranked(self.match("autocomplete", words, at_least), limit)

    def bodies(self, words, at_least, limit):
        return self._select(self.match("body", words, at_least), "f.rowid DESC", limit)

    def prefixes(self, words, limit):
        return self._ranked(self.match("autocomplete", words, prefix=True), limit)


def expression(index, words, at_least=None, prefix=False):
    """The index query for ``words``: all of them (``at_least`` None), or at least ``at_least`` of
    them as an OR of ANDs — "at least 3 of a b c d" is (a&b&c) | (a&b&d) | (a&c&d) | (b&c&d), far
    fewer matches to rank than a plain OR of common words."""
    parts = [index.quote(word) for word in words]
    if prefix and parts:
        parts[-1] += index.PREFIX
    at_least = len(parts) if at_least is None else at_least
    if at_least <= 1:
        return f" {index.OR} ".join(parts)
    groups = itertools.combinations(parts, min(at_least, len(parts)))
    return f" {index.OR} ".join("(" + f" {index.AND} ".join(group) + ")" for group in groups)


def relaxations(count):
    """How many of ``count`` words to require when not every word matches enough pages: count-1
    down to 1, skipping levels with too many word combinations (a plain OR always comes last)."""
    return [m for m in range(count - 1, 0, -1) if m == 1 or math.comb(count, m) <= MAX_COMBINATIONS]


def index_for(queryset):
    vendor, alias = _vendor(queryset)
    if vendor == "postgresql":
        return PostgresIndex(queryset.model, alias)
    return SQLiteIndex(queryset.model, alias)


# --- steps restricted to the queryset ------------------------------------------------------------


class Hit:
    """A candidate without a model instance (instantiating hundreds of pages costs more than the
    queries): what ranking, type counts and pagination need."""

    __slots__ = ("pk", "title", "content_type_id")

    def __init__(self, pk, title, content_type_id):
        self.pk, self.title, self.content_type_id = pk, title, content_type_id

    def __repr__(self):
        return f"<Hit {self.pk}: {self.title}>"


def _object_pks(object_ids):
    """The index's object ids (text) as page primary keys, in order, without repeats."""
    pks = []
    for object_id in object_ids:
        try:
            pks.append(int(object_id))
        except (TypeError, ValueError):
            continue
    return list(dict.fromkeys(pks))


def _hits(queryset, pks):
    """{pk: Hit} for those of ``pks`` that ``queryset`` holds: one query."""
    if not pks:
        return {}
    rows = queryset.filter(pk__in=pks).values_list("pk", "title", "content_type_id")
    return {pk: Hit(pk, title, content_type) for pk, title, content_type in rows}


def _restricted(queryset, step, limit, exclude=(), first=None):
    """Up to ``limit`` hits of ``queryset`` that ``step(n)`` finds, in the step's order, without
    those in ``exclude`` (found by an earlier step; they still count towards the limit).

    ``step(n)`` returns up to ``n`` object ids from the index; ids outside the queryset (other
    locale, not live, another section) are dropped, and the index is asked once more, for many more
    rows, while it still had more to give.
    """
    # The sizes to ask for, each once (a step already asked for FETCH times comes here with REFILL).
    for wanted in dict.fromkeys((first or limit * FETCH, limit * REFILL)):
        object_ids = step(wanted)
        pks = _object_pks(object_ids)
        hits = _hits(queryset, [pk for pk in pks if pk not in exclude])
        allowed_in_order = [pk for pk in pks if pk in hits or pk in exclude]
        if len(allowed_in_order) >= limit or len(object_ids) < wanted:
            break
    return [hits[pk] for pk in allowed_in_order[:limit] if pk in hits]


def _add_steps(queryset, steps, found):
    """Run ``steps`` (``(step, limit)`` pairs) and append their hits to ``found``, in step order.

    The index queries run first and the queryset restriction once for all of them (one query per step
    plus one, instead of two per step). A step whose rows the restriction thinned while the index had
    more to give is asked again on its own, for more rows (``_restricted``)."""
    seen = {hit.pk for hit in found}
    fetched = []
    for step, limit in steps:
        object_ids = step(limit * FETCH)
        fetched.append((step, limit, _object_pks(object_ids), len(object_ids) < limit * FETCH))
    hits = _hits(queryset, list({pk for *_rest, pks, _done in fetched for pk in pks if pk not in seen}))
    for step, limit, pks, exhausted in fetched:
        allowed_in_order = [pk for pk in pks if pk in hits or pk in seen]
        if len(allowed_in_order) < limit and not exhausted:
            new = _restricted(queryset, step, limit, exclude=seen, first=limit * REFILL)
        else:
            new = [hits[pk] for pk in allowed_in_order[:limit] if pk not in seen]
        found.extend(new)
        seen.update(hit.pk for hit in new)


def search_candidates(queryset, folded_text, raw_text=""):
    """Hits of ``queryset`` matching the folded query, best candidates first."""
    words = terms(folded_text)
    if not words:
        return []
    index = index_for(queryset)
    found = []
    steps = []
    raw_words = terms(raw_text)
    if raw_words and raw_words != words:
        steps.append((lambda n: index.exact_titles(raw_words, n), EXACT_LIMIT))
    steps.append((lambda n: index.titles(words, None, n), TITLE_LIMIT))
    steps.append((lambda n: index.bodies(words, None, n), BODY_LIMIT))
    _add_steps(queryset, steps, found)
    for at_least in relaxations(len(words)):
        if len(found) >= MIN_AND_RESULTS:
            break
        steps = [
            (lambda n, m=at_least: index.titles(words, m, n), TITLE_LIMIT),
            (lambda n, m=at_least: index.bodies(words, m, n), BODY_LIMIT),
        ]
        _add_steps(queryset, steps, found)
    return found


def autocomplete_candidates(queryset, folded_text, limit):
    """Hits of ``queryset`` whose folded title has every word, the last as a prefix."""
    words = terms(folded_text)
    if not words:
        return []
    index = index_for(queryset)
    return _restricted(queryset, lambda n: index.prefixes(words, n), limit)
