"""Excerpts of a result's text around the query words, with those words marked (folding-aware)."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from home.text import fold_for_search, fold_vietnamese, query_words

WORD = re.compile(r"\w+")


def _fold_same_length(text):
    # Per character, so that positions in the folded text are positions in the original text.
    return "".join((fold_vietnamese(ch).lower() or " ")[:1] for ch in text)


def page_text(page):
    """The visitor-facing text of a page to cut an excerpt from."""
    for attribute in ("search_description", "summary", "intro", "requirements", "result"):
        value = getattr(page, attribute, "")
        if value:
            text = re.sub(r"<[^>]+>", " ", str(value))
            if text.strip():
                return " ".join(text.split())
    return ""


def highlight(text, query, width=240):
    """HTML: an excerpt of ``text`` around the first query word, every query word in <mark>."""
    text = " ".join(unicodedata.normalize("NFC", str(text or "")).split())
    words = set(query_words(fold_for_search(query)))
    if not text:
        return ""
    folded = _fold_same_length(text)
    spans = [m.span() for m in WORD.finditer(folded) if m.group() in words]
    start = 0
    if spans and spans[0][0] > width // 3:
        start = text.rfind(" ", 0, spans[0][0] - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    parts, cursor = [], start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        parts.append(escape(text[cursor:begin]))
        parts.append(f"<mark>{escape(text[begin:finish])}</mark>")
        cursor = finish
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)


def highlight_title(title, query):
    return highlight(Truncator(title).chars(500), query, width=500)
