"""Cleaning text that visitors type into query strings and forms."""

MAX_QUERY_LENGTH = 200


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """Any bytes in, a printable single-line string out: control characters (NUL included, which
    PostgreSQL refuses) dropped, whitespace collapsed, length capped."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch in " \t\n")
    return " ".join(text.split())[:max_length]
