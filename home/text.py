"""Cleaning text that visitors type into query strings and forms."""

MAX_QUERY_LENGTH = 200


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """Any bytes in, a printable single-line string out: control characters (NUL included, which
    PostgreSQL refuses) dropped, whitespace collapsed, length capped."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch in " \t\n")
    return " ".join(text.split())[:max_length]


def fold_vietnamese(text):
    """Vietnamese without diacritics: "Đăng ký đầu tư" -> "Dang ky dau tu".

    ``đ``/``Đ`` are letters of their own, not a base letter with a mark, so Unicode decomposition
    alone leaves them in place; they are mapped explicitly.
    """
    import unicodedata

    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
