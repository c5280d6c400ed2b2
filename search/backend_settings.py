"""Search backend configuration, built from environment values (imported by the settings module,
so nothing here may import Django models).

Default: Wagtail's database backend (SQLite or PostgreSQL). With ELASTICSEARCH_URL: Wagtail's
``elasticsearch9`` backend, or ``opensearch3`` when SEARCH_ENGINE=opensearch, with analyzers that
fold Vietnamese: ``asciifolding`` (which also maps đ -> d) keeping the original token, so "dau tu"
finds "đầu tư" while a query typed with the right accents matches both tokens and ranks higher.
"""

ENGINES = {
    "elasticsearch": "wagtail.search.backends.elasticsearch9",
    "opensearch": "wagtail.search.backends.opensearch3",
}

FOLDING_FILTERS = ["lowercase", "vietnamese_folding"]

VIETNAMESE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {"vietnamese_folding": {"type": "asciifolding", "preserve_original": True}},
            "analyzer": {
                # "default" applies to every text field the mapping does not give an analyzer.
                "default": {"type": "custom", "tokenizer": "standard", "filter": FOLDING_FILTERS},
                "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": [*FOLDING_FILTERS, "ngram"]},
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*FOLDING_FILTERS, "edgengram"],
                },
            },
        }
    }
}


def database_backend():
    # SEARCH_CONFIG is read only as a top-level key of the entry (under OPTIONS it is ignored).
    # "simple": no English stemming or stop words on Vietnamese; the indexed copy is folded in Python.
    return {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}


def search_backends(elasticsearch_url="", engine="elasticsearch", index_prefix="portal_", timeout=5):
    """The WAGTAILSEARCH_BACKENDS setting for these environment values."""
    if not elasticsearch_url:
        return {"default": database_backend()}
    engine = (engine or "elasticsearch").strip().lower()
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(sorted(ENGINES))}, not {engine!r}")
    return {
        "default": {
            "BACKEND": ENGINES[engine],
            "URLS": [url.strip() for url in elasticsearch_url.split(",") if url.strip()],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "OPTIONS": {},
            "INDEX_SETTINGS": VIETNAMESE_INDEX_SETTINGS,
        }
    }
