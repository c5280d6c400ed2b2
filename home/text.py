"""Cleaning text that visitors type into query strings and forms."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """Any bytes in, a printable single-line string out: control characters (NUL included, which
    PostgreSQL refuses) dropped, whitespace collapsed, length capped."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch in " \t\n")
    return " ".join(text.split())[:max_length]


def _fold_slow(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Latin letters (Basic to Extended-B, and Latin Extended Additional where Vietnamese's letters with
# two marks live) folded one by one: str.translate then does in C what _fold_slow does per
# character in Python (search re-ranks hundreds of titles per query).
_LATIN = [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
_FOLD_TABLE = {code: _fold_slow(chr(code)) for code in _LATIN if _fold_slow(chr(code)) != chr(code)}
_FAST_CHARS = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def fold_vietnamese(text):
    """Vietnamese without diacritics: "Đăng ký đầu tư" -> "Dang ky dau tu".

    ``đ``/``Đ`` are letters of their own, not a base letter with a mark, so Unicode decomposition
    alone leaves them in place; they are mapped explicitly.
    """
    text = unicodedata.normalize("NFC", str(text))
    if _FAST_CHARS.search(text):
        return _fold_slow(text)  # other scripts, or combining marks NFC could not compose
    return text.translate(_FOLD_TABLE)


def fold_for_search(text):
    """The form the search index stores and queries are matched in: folded and lower-cased.

    "Giấy phép ĐẦU TƯ" -> "giay phep dau tu". Used for the indexed copy of page text, for the
    visitor's query before it reaches the backend, and for the typo fallback on titles.
    """
    return " ".join(fold_vietnamese(text).lower().split())


def query_words(text):
    """The words of a query, lower-cased, without the punctuation search backends treat as syntax."""
    import re

    return [w for w in re.split(r"[^\w]+", str(text).lower()) if w]
