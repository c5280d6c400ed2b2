"""Procedures through Wagtail's API v2 (/api/v2/procedures/), with their structured fields.

Only live, public procedure pages; ``?search=`` uses the same Vietnamese-aware search as the site
(unaccented and mixed queries, best match first); ``?locale=vi`` and the usual fields, ordering,
limit and offset parameters work as for Wagtail's pages endpoint.
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet

from home.search import ranked_hits
from home.text import clean_query

from .models import ProcedurePage
from .search import similar_procedures


class ProcedureAPIViewSet(PagesAPIViewSet):
    model = ProcedurePage
    name = "procedures"
    filter_backends = [backend for backend in PagesAPIViewSet.filter_backends if backend is not SearchFilter]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "code",
        "field_name",
        "implementing_agency_name",
        "online_level",
        "status",
    ]

    def get_queryset(self):
        # Procedures only, whatever ``type`` says.
        queryset = ProcedurePage.objects.filter(pk__in=self.get_base_queryset().values_list("pk", flat=True))
        query = clean_query(self.request.GET.get("search", ""))
        if not query:
            return queryset.order_by("path")
        base = queryset
        ranked = ranked_hits(base, query, fallback=lambda folded: similar_procedures(folded, base))
        order = Case(
            *[When(pk=page.pk, then=Value(i)) for i, page in enumerate(ranked)],
            output_field=IntegerField(),
        )
        return queryset.filter(pk__in=[page.pk for page in ranked]).annotate(_rank=order).order_by("_rank")
