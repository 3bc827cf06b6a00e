"""Public directory views: the listing with filters, an organisation page, "report an error".

Views stay thin: filters -> typed query (``filters``) -> search interface (``search``) -> one
hydrating query with fixed prefetches -> template. Only live organisations are ever shown
(``Organisation.objects.listed()``): drafts live in revisions and never reach these pages.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from directory.plugins.manager import facets as plugin_facets
from directory.plugins.manager import prefetch_lookups

from . import filters, search
from .forms import ErrorReportForm
from .jsonld import dumps_for_script, organisation_jsonld
from .notify import email_moderators
from .ratelimit import hit, visitor_hash


def _phase_items():
    from directory.models import ServicePhase

    return ServicePhase.objects.select_related("tag__phase")


def listing_queryset():
    """Live organisations with what a result card shows, in a fixed number of queries."""
    from directory.models import Location, Organisation, Service

    return (
        Organisation.objects.listed()
        .select_related("organisation_type")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
            Prefetch(
                "services",
                queryset=Service.objects.prefetch_related(
                    Prefetch("phase_items", queryset=_phase_items())
                ),
            ),
        )
    )


def _vocabularies(params, result):
    """The filter form's choices, each a single query, with facet counts when the backend
    gives them."""
    from taggit.models import Tag

    from directory.models import Municipality, OrganisationType, ServiceTheme
    from journey.models import Phase

    counts = result.facets if result is not None else {}

    def choices(rows, param, field):
        chosen = set(filters._list(params, param))
        field_counts = counts.get(field, {})
        return [
            filters.Choice(value, label, value in chosen, field_counts.get(value))
            for value, label in rows
        ]

    plugin_groups = []
    for facet in plugin_facets():
        chosen = set(filters._list(params, facet.param))
        plugin_groups.append(
            {
                "facet": facet,
                "choices": [filters.Choice(v, lbl, v in chosen) for v, lbl in facet.choices()],
            }
        )
    return {
        "phases": choices(Phase.objects.active().values_list("slug", "title"), "fase", "phases"),
        "types": choices(
            OrganisationType.objects.values_list("slug", "name"), "type", "organisation_types"
        ),
        "municipalities": choices(
            Municipality.objects.filter(is_active=True).values_list("slug", "name"),
            "gemeente",
            "municipality",
        ),
        "themes": choices(
            # EXISTS, not a join + DISTINCT: one index probe per tag instead of reading every
            # service's themes (200,000 rows at 100,000 organisations) on every page view.
            Tag.objects.filter(Exists(ServiceTheme.objects.filter(tag=OuterRef("pk"))))
            .order_by("name")
            .values_list("slug", "name")[:200],
            "thema",
            "themes",
        ),
        "plugin_facets": plugin_groups,
        "radius_choices": filters.RADIUS_CHOICES,
        "page_sizes": filters.PAGE_SIZES,
    }


def directory_list(request):
    """The directory: search and filters as a GET form; results from the search interface."""
    params = request.GET
    errors = {}
    result = None
    organisations = []
    try:
        query, result = search.run(filters.query_params(params))
    except search.QueryError as exc:
        errors = {filters.FIELD_PARAMS.get(k, k): v for k, v in exc.errors.items()}
    else:
        organisations = result.hydrate(listing_queryset())
        for org in organisations:
            org.distance_km = result.distances.get(org.pk)
            org.card_phases = _phases_of(org.services.all())
    page_params = params.copy()
    page_params.pop("pagina", None)
    context = {
        "organisations": organisations,
        "result": result,
        "errors": errors,
        "values": params,
        "page_query": page_params.urlencode(),
        "has_filters": any(v for k, v in params.items() if k not in ("pagina", "per_pagina")),
        **_vocabularies(params, result),
    }
    status = 400 if errors else 200
    return render(request, "directory/public/directory_list.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def name_suggestions(request):
    """The search field's suggestion list (directory.js): JSON of the names that match what
    the visitor is typing, each with its organisation page. Public data only, cached briefly."""
    from directory.autocomplete import suggest_names

    text = request.GET.get("q", "")
    suggestions = suggest_names(text)
    response = JsonResponse(
        {
            "query": text,
            "items": [{"name": item.name, "url": item.url} for item in suggestions],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=60)
    return response


def detail_queryset():
    """Live organisations with everything the organisation page shows (fixed queries)."""
    from directory.models import Location, Organisation, Service

    return (
        Organisation.objects.listed()
        .select_related("organisation_type", "logo")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
            "languages",
            "municipalities",
            Prefetch(
                "services",
                queryset=Service.objects.prefetch_related(
                    Prefetch("phase_items", queryset=_phase_items()),
                    "theme_items__tag",
                    "languages",
                    Prefetch("locations", queryset=Location.objects.only("pk", "name", "address")),
                ),
                to_attr="detail_services",
            ),
            *prefetch_lookups(),
        )
    )


def organisation_detail(request, slug):
    org = get_object_or_404(detail_queryset(), slug=slug)
    locations = list(org.locations.all())
    map_points = [
        {
            "name": loc.name or org.name,
            "address": f"{loc.address}, {loc.postcode} {loc.place}".strip(", "),
            "lat": loc.latitude,
            "lon": loc.longitude,
        }
        for loc in locations
        if loc.latitude is not None and loc.longitude is not None
    ]
    context = {
        "organisation": org,
        "locations": locations,
        "services": org.detail_services,
        "phases": _phases_of(org.detail_services),
        "jsonld": dumps_for_script(organisation_jsonld(org, request)),
        "map_points": map_points,
        "map_tile_url": settings.DIRECTORY_MAP_TILE_URL,
        "map_attribution": settings.DIRECTORY_MAP_ATTRIBUTION,
    }
    return render(request, "directory/public/organisation_detail.html", context)


def _phases_of(services) -> list:
    """The organisation's phases: the union of its services' phases, in journey order."""
    phases = {item.tag.phase.pk: item.tag.phase for s in services for item in s.phase_items.all()}
    return sorted(phases.values(), key=lambda p: (p.sort_order, p.pk))


@require_http_methods(["GET", "POST"])
def report_error(request, slug):
    from directory.models import Organisation

    org = get_object_or_404(Organisation.objects.listed(), slug=slug)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            # Pretend success to the bot; store nothing.
            return redirect("directory_public:report_thanks", slug=org.slug)
        visitor = visitor_hash(request)
        if not hit("error-report", visitor, settings.DIRECTORY_REPORT_RATE_LIMIT):
            response = render(
                request,
                "directory/public/report_form.html",
                {"organisation": org, "form": form, "rate_limited": True},
                status=429,
            )
            response["Retry-After"] = "3600"
            return response
        if form.is_valid():
            report = form.save(commit=False)
            report.organisation = org
            report.reporter_hash = visitor
            report.save()
            email_moderators(report, request)
            messages.success(request, _("Bedankt! De redactie kijkt naar uw melding."))
            return redirect("directory_public:report_thanks", slug=org.slug)
    return render(
        request,
        "directory/public/report_form.html",
        {"organisation": org, "form": form},
        status=400 if form.errors else 200,
    )


def report_thanks(request, slug):
    from directory.models import Organisation

    org = get_object_or_404(Organisation.objects.listed(), slug=slug)
    return render(request, "directory/public/report_thanks.html", {"organisation": org})


def phase_directory_url(phase) -> str:
    """The directory filtered on one journey phase (for links from journey pages)."""
    from django.urls import reverse

    return f"{reverse('directory_public:list')}?fase={phase.slug}"
