"""Template helpers for search results."""

from django import template

from search.highlight import highlight, highlight_title, page_text

register = template.Library()


@register.simple_tag
def search_excerpt(page, query):
    """The page's text around the query, query words marked."""
    return highlight(page_text(page), query)


@register.simple_tag
def search_title(page, query):
    return highlight_title(page.title, query)
