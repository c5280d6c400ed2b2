"""The procedure catalogue listing: full-text search, facets with counts, sorting, pagination.

Every parameter is optional and cleaned; an unknown value is ignored rather than refused, so a
hand-edited or stale URL still gives a listing. Facet counts follow the usual rule: each facet
counts the procedures matching every *other* selected facet and the query.
"""

import hashlib
import json

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from home.navigation import cached_for_generation, catalogue, catalogue_entry, public
from home.search import ranked_hits
from home.text import clean_query
from sections.models import Topic

from .models import OnlineLevel, ProcedureAgency, ProcedurePage, ProcedureStatus
from .search import similar_procedures

NO_ONLINE = "khong"  # the URL value for "no online service" (the stored value is empty)
SORTS = {
    "lien-quan": _("Phù hợp nhất"),
    "ten": _("Tên thủ tục (A-Z)"),
    "ma": _("Mã thủ tục"),
    "moi": _("Mới có hiệu lực"),
}


def _online_value(value):
    return "" if value == NO_ONLINE else value


class ProcedureListing:
    """The listing state built from a request's GET parameters."""

    facets = [
        # (parameter, model field, label)
        ("linh_vuc", "field", _("Lĩnh vực")),
        ("co_quan", "implementing_agency", _("Cơ quan thực hiện")),
        ("muc_do", "online_level", _("Mức độ dịch vụ công trực tuyến")),
        ("tinh_trang", "status", _("Tình trạng")),
    ]

    def __init__(self, index, params):
        self.index = index
        self.params = params
        self.query = clean_query(params.get("q", ""))
        self.base = public(ProcedurePage.objects.live()).descendant_of(index)
        self.selected = {}
        field_slug = clean_query(params.get("linh_vuc", ""), 64)
        topic = catalogue_entry(Topic, field_slug)
        if topic:
            self.selected["field"] = (field_slug, topic.pk)
        agency_slug = clean_query(params.get("co_quan", ""), 64)
        agency = catalogue_entry(ProcedureAgency, agency_slug)
        if agency:
            self.selected["implementing_agency"] = (agency_slug, agency.pk)
        online = clean_query(params.get("muc_do", ""), 20)
        if online in {OnlineLevel.FULL, OnlineLevel.PARTIAL, NO_ONLINE}:
            self.selected["online_level"] = (online, _online_value(online))
        status = clean_query(params.get("tinh_trang", ""), 20)
        if status in ProcedureStatus.values:
            self.selected["status"] = (status, status)
        sort = clean_query(params.get("sap_xep", ""), 20)
        default_sort = "lien-quan" if self.query else "ten"
        self.sort = sort if sort in SORTS and (sort != "lien-quan" or self.query) else default_sort
        self.ranked_ids = None
        if self.query:
            ranked = ranked_hits(self.base, self.query, fallback=lambda folded: similar_procedures(folded, self.base))
            self.ranked_ids = [page.pk for page in ranked]

    def filtered(self, skip=None):
        queryset = self.base
        if self.ranked_ids is not None:
            queryset = queryset.filter(pk__in=self.ranked_ids)
        for field, (_param, value) in self.selected.items():
            if field != skip:
                queryset = queryset.filter(**{field: value})
        return queryset

    def results(self):
        queryset = self.filtered().select_related("field", "implementing_agency")
        if self.sort == "lien-quan":
            position = {pk: i for i, pk in enumerate(self.ranked_ids)}
            return sorted(queryset, key=lambda page: position[page.pk])
        order = {"ten": ["title", "pk"], "ma": ["code", "pk"], "moi": ["-effective_date", "title", "pk"]}[self.sort]
        return queryset.order_by(*order)

    def facet_groups(self):
        """[{param, label, options: [{value, label, count, selected}]}], options with a count only."""
        labels = {
            "field": {t.pk: (t.slug, t.name) for t in catalogue(Topic)},
            "implementing_agency": {a.pk: (a.slug, a.name) for a in catalogue(ProcedureAgency)},
            "online_level": {value: (value or NO_ONLINE, label) for value, label in OnlineLevel.choices},
            "status": {value: (value, label) for value, label in ProcedureStatus.choices},
        }
        counts = self.facet_counts()
        groups = []
        for param, field, label in self.facets:
            selected = self.selected.get(field, (None,))[0]
            options = []
            for key, count in counts[field]:
                if key is None or key not in labels[field]:
                    continue
                value, option_label = labels[field][key]
                options.append({"value": value, "label": option_label, "count": count, "selected": value == selected})
            options.sort(key=lambda o: (-o["count"], str(o["label"])))
            for option in options:
                option["url"] = self.url_with(param, None if option["selected"] else option["value"])
            groups.append(
                {
                    "param": param,
                    "label": label,
                    "options": options,
                    "selected": selected,
                    "clear_url": self.url_with(param, None),
                }
            )
        return groups

    def facet_counts(self):
        """{field: [(value, count)]}: one GROUP BY per facet over the whole catalogue, so the result is
        kept in the cache per filter state (every page number and sort order shares it) until anything
        is published or edited."""
        state = json.dumps([self.index.pk, self.query, sorted((k, str(v[1])) for k, v in self.selected.items())])
        key = "procedure-facets:" + hashlib.sha256(state.encode()).hexdigest()

        def build():
            return {
                field: [
                    (row[field], row["n"])
                    for row in self.filtered(skip=field).values(field).annotate(n=Count("pk")).order_by()
                ]
                for _param, field, _label in self.facets
            }

        return cached_for_generation(key, build)

    def url_with(self, param, value):
        """This listing's query string with ``param`` set (or removed when None), back on page 1."""
        params = self.params.copy()
        params.pop("page", None)
        params.pop(param, None)
        if value is not None:
            params[param] = value
        return "?" + params.urlencode() if params else "?"

    def sort_options(self):
        return [(key, label) for key, label in SORTS.items() if key != "lien-quan" or self.query]
