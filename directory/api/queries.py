"""How the API finds organisations: through the search interface, with one ORM fallback.

`search_organisations` is the one function the list endpoint calls. It asks
`search.get_backend()` when the directory index is registered (search/ + directory's index
registration), else it answers from a plain queryset with the same filters, so the API worked
before the index existed and keeps working in a project without it.
`filtered_queryset` expresses the structured filters in the ORM; the GeoJSON stream uses it
without text (it needs every match, not one page of ids) and asks the backend for all matching
ids (`iter_object_ids`) when there is text, so text matches the same as here.
"""

from django.db.models import Prefetch, Q, QuerySet

from search.geo import bounding_box
from search.query import DirectoryQuery, Sort
from search.results import SearchResult

from ..models import Location, Organisation, Service
from ..models.tags import ServicePhase, ServiceTheme
from ..plugins.api import prefetch_lookups as plugin_prefetch_lookups

INDEX_NAME = "directory"


def has_search_index() -> bool:
    from search.registry import registry

    return INDEX_NAME in registry


def filtered_queryset(query: DirectoryQuery, base: QuerySet | None = None) -> QuerySet:
    """Live organisations matching the query's filters (text as a plain substring match)."""
    qs = Organisation.objects.listed() if base is None else base
    if query.text:
        qs = qs.filter(Q(name__icontains=query.text) | Q(description__icontains=query.text))
    if query.phases:
        qs = qs.filter(
            pk__in=Service.objects.filter(phase_items__tag__phase__slug__in=query.phases).values(
                "organisation_id"
            )
        )
    if query.themes:
        qs = qs.filter(
            pk__in=Service.objects.filter(theme_items__tag__slug__in=query.themes).values(
                "organisation_id"
            )
        )
    if query.municipality:
        qs = qs.filter(
            pk__in=Organisation.municipalities.through.objects.filter(
                municipality__slug=query.municipality
            ).values("organisation_id")
        )
    if query.organisation_types:
        qs = qs.filter(organisation_type__slug__in=query.organisation_types)
    if query.languages:
        qs = qs.filter(
            pk__in=Organisation.languages.through.objects.filter(
                language__code__in=query.languages
            ).values("organisation_id")
        )
    if query.members_only:
        qs = qs.filter(is_member=True)
    if query.point is not None:
        south, north, west, east = bounding_box(*query.point, query.radius_km)
        qs = qs.filter(
            pk__in=Location.objects.filter(
                latitude__range=(south, north), longitude__range=(west, east)
            ).values("organisation_id")
        )
    return qs


def _fallback_search(query: DirectoryQuery) -> SearchResult:
    qs = filtered_queryset(query).order_by("name", "pk")
    total = qs.count()
    ids = list(qs.values_list("pk", flat=True)[query.offset : query.offset + query.page_size])
    return SearchResult(
        ids=ids, total=total, page=query.page, page_size=query.page_size, backend="orm"
    )


def search_organisations(query: DirectoryQuery) -> SearchResult:
    if has_search_index():
        from search import get_backend

        return get_backend().search(query)
    if query.sort == Sort.DISTANCE:
        query = query.replace(sort=Sort.NAME)
    return _fallback_search(query)


def with_summary_relations(qs: QuerySet) -> QuerySet:
    """Everything a summary shows, in a fixed number of queries whatever the page size."""
    return qs.select_related("organisation_type").prefetch_related(
        "municipalities",
        Prefetch(
            "services",
            queryset=Service.objects.only("pk", "organisation_id", "sort_order").prefetch_related(
                Prefetch("phase_items", queryset=ServicePhase.objects.select_related("tag__phase"))
            ),
        ),
    )


def with_detail_relations(qs: QuerySet) -> QuerySet:
    return qs.select_related("organisation_type", "logo").prefetch_related(
        "municipalities",
        "languages",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
        Prefetch(
            "services",
            queryset=Service.objects.prefetch_related(
                "languages",
                Prefetch("locations", queryset=Location.objects.only("pk", "uuid")),
                Prefetch("phase_items", queryset=ServicePhase.objects.select_related("tag__phase")),
                Prefetch("theme_items", queryset=ServiceTheme.objects.select_related("tag")),
            ),
        ),
        *plugin_prefetch_lookups(),  # what plugin sections read (directory.plugins)
    )
