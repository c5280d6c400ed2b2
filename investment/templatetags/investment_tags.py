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


MAP_NEIGHBOURS = 30


class _MapPoint:
    __slots__ = ("pk", "title", "latitude", "longitude")

    def __init__(self, pk, title, latitude, longitude):
        self.pk, self.title, self.latitude, self.longitude = pk, title, latitude, longitude


@register.inclusion_tag("investment/includes/zone_map.html")
def zone_map(zone, width=320, height=240, padding=24, neighbours=MAP_NEIGHBOURS):
    """An offline location map: the zones of the same section placed by their coordinates (an inline SVG,
    no tile server), this zone highlighted. Longitude is scaled by cos(latitude) to keep shapes true.
    At most the ``neighbours`` nearest zones are drawn (read as plain rows), so the map stays legible
    and the page costs the same with 6 zones or 500."""
    import math

    rows = (
        type(zone).objects.live().sibling_of(zone, inclusive=False).values_list("pk", "title", "latitude", "longitude")
    )
    here = (float(zone.latitude), float(zone.longitude))
    others = sorted(
        (_MapPoint(*row) for row in rows),
        key=lambda s: (float(s.latitude) - here[0]) ** 2 + (float(s.longitude) - here[1]) ** 2,
    )[:neighbours]
    siblings = [*others, _MapPoint(zone.pk, zone.title, zone.latitude, zone.longitude)]
    lats = [float(s.latitude) for s in siblings]
    mid_lat = math.radians(sum(lats) / len(lats))
    xs = [float(s.longitude) * math.cos(mid_lat) for s in siblings]
    span = max(max(xs) - min(xs), max(lats) - min(lats), 0.01)
    scale = min(width - 2 * padding, height - 2 * padding) / span
    points = []
    for s, x, lat in zip(siblings, xs, lats, strict=True):
        points.append(
            {
                "title": s.title,
                "x": round(padding + (x - min(xs)) * scale, 1),
                "y": round(height - padding - (lat - min(lats)) * scale, 1),
                "current": s.pk == zone.pk,
            }
        )
    points.sort(key=lambda p: p["current"])  # draw the current zone last, on top
    return {"points": points, "width": width, "height": height, "zone": zone}
