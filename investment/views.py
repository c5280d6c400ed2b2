"""Views behind the investment index's routes: zone list, project list, comparison, inquiry form."""

from collections import namedtuple

from django.db.models import DecimalField, ExpressionWrapper, F
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation

from home.forms_protection import client_address, send_notification
from home.navigation import public
from home.text import clean_query
from sections.models.pages import ArticlePage, paginate

from .forms import InvestorInquiryForm, ProjectFilterForm, ZoneFilterForm
from .models import InvestmentProjectPage, Sector, ZonePage

MAX_COMPARED = 4
ZoneChoice = namedtuple("ZoneChoice", "pk title translation_key")


def _clean_get(request, names):
    return {name: clean_query(request.GET.get(name, ""), 40) for name in names if request.GET.get(name)}


ZONES_PER_PAGE = 25


def zone_list(index, request):
    """Zones filterable by kind and by the land still available (industrial minus leased area), filtered
    in the database and shown a page at a time, so the page costs the same with 6 zones or 500."""
    form = ZoneFilterForm(_clean_get(request, ("kind", "min_land")))
    zones = index.zones()
    if form.is_valid():
        if form.cleaned_data["kind"]:
            zones = zones.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["min_land"]:  # "at least 0 ha" is every zone (the free area is never negative)
            free = ExpressionWrapper(F("industrial_area") - F("leased_area"), output_field=DecimalField())
            zones = zones.annotate(free_land=free).filter(free_land__gte=form.cleaned_data["min_land"])
    zones = paginate(request, zones, per_page=ZONES_PER_PAGE)
    children = public(index.get_children().live())
    others = children.not_type(ZonePage, InvestmentProjectPage, ArticlePage).order_by("path")
    news = (
        public(ArticlePage.objects.live())
        .child_of(index)
        .select_related("department")
        .prefetch_related("image__renditions")
        .select_related("image")
        .order_by("-date", "-first_published_at")[:4]
    )
    return index.render(
        request, context_overrides={"zones": zones, "filter_form": form, "others": others, "news": news}
    )


def project_list(index, request):
    statuses = InvestmentProjectPage.Status.choices
    # The zone filter needs only ids, titles and translation keys (light rows, not 500 zone pages).
    zones = [ZoneChoice(*row) for row in index.zones().values_list("pk", "title", "translation_key")]
    sectors = Sector.objects.all()
    form = ProjectFilterForm(
        _clean_get(request, ("sector", "zone", "status", "min_capital", "max_capital")),
        sectors=sectors,
        zones=zones,
        statuses=statuses,
    )
    projects = index.projects()
    if form.is_valid():
        data = form.cleaned_data
        if data["sector"]:
            projects = projects.filter(sector__slug=data["sector"])
        if data["zone"]:
            # A translated project keeps pointing at the source-language zone: match by translation key.
            zone = next(z for z in zones if str(z.pk) == data["zone"])
            projects = projects.filter(zone__translation_key=zone.translation_key)
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["min_capital"] is not None:
            projects = projects.filter(capital_usd__gte=data["min_capital"])
        if data["max_capital"] is not None:
            projects = projects.filter(capital_usd__lte=data["max_capital"])
    else:
        projects = projects.none()
    page = paginate(request, projects, 20)
    keys = {project.zone.translation_key for project in page if project.zone}
    local_zones = {z.translation_key: z for z in index.zones().filter(translation_key__in=keys)} if keys else {}
    for project in page:
        project.local_zone = local_zones.get(project.zone.translation_key, project.zone) if project.zone else None
    return index.render(
        request,
        template="investment/project_list.html",
        context_overrides={"projects": page, "filter_form": form},
    )


def compare_zones(index, request):
    """Side by side: ``?zones=12&zones=15``; ids that are not numbers or not zones of this index are ignored."""
    ids = []
    for raw in request.GET.getlist("zones")[:20]:
        value = clean_query(raw, 12)
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    chosen = {z.pk: z for z in index.zones().filter(pk__in=ids).prefetch_related("priority_sectors")}
    zones = [chosen[pk] for pk in ids if pk in chosen][:MAX_COMPARED]
    return index.render(
        request,
        template="investment/compare.html",
        context_overrides={"zones": zones},
    )


def inquiry(index, request):
    """Store first, then mail QLDT; a failing mail server loses nothing and the visitor is told so."""
    ip = client_address(request)
    if request.method != "POST":
        form = InvestorInquiryForm(client_address=ip)
        return index.render(request, template="investment/inquiry.html", context_overrides={"form": form})
    form = InvestorInquiryForm(request.POST, client_address=ip)
    if not form.is_valid():
        response = index.render(request, template="investment/inquiry.html", context_overrides={"form": form})
        response.status_code = form.error_status()
        return response
    inquiry = form.save(commit=False)
    inquiry.language = translation.get_language() or ""
    inquiry.save()
    form.count_submission()
    notification_delayed = False
    recipient = index.department.email
    if recipient:
        with translation.override("vi"):
            body = render_to_string("investment/inquiry_email.txt", {"inquiry": inquiry})
            subject = f"[Xúc tiến đầu tư] {inquiry.name} – {inquiry.get_interest_display()}"
        if send_notification(subject, body, [recipient], what=f"investor inquiry {inquiry.pk}"):
            type(inquiry).objects.filter(pk=inquiry.pk).update(mailed=True)
        else:
            notification_delayed = True
    context = {"page": index, "self": index, "notification_delayed": notification_delayed}
    return TemplateResponse(request, "investment/inquiry_thanks.html", context)
