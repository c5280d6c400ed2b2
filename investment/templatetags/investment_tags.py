"""Numbers per locale: ``{{ value|local_number }}`` gives 1.234,5 in Vietnamese and 1,234.5 in English.

Django's Vietnamese format module sets no NUMBER_GROUPING, so the built-in localisation would print
1234,5; this filter always groups by thousands with the active language's separators.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, numberformat

register = template.Library()


def local_number(value, decimals=1):
    """``value`` rounded to at most ``decimals`` places (trailing zeros dropped), grouped by thousands."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
        places = int(decimals)
    except (InvalidOperation, ValueError, TypeError):
        return value
    number = number.quantize(Decimal(1).scaleb(-places)) if places > 0 else number.quantize(Decimal(1))
    text = format(number, "f")
    shown = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return numberformat.format(
        number,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=shown,
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


register.filter("local_number", local_number)
