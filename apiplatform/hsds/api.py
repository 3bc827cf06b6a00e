"""The HSDS 3.0 endpoints (see the package docstring)."""

import datetime as dt
import json
import math
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from directory.models import Location, Organisation, Service
from directory.plugins.hsds import export as hsds
from journey.models import Phase
from search.geo import distance_km, normalise_postcode, postcode_centre

from ..openapi import KetenkaartAPI
from . import sal

HSDS_VERSION = "3.0"
API_VERSION = "3.0.0"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500

router = Router(tags=["hsds"])


class Paging(Schema):
    search: str | None = Field(None, max_length=200, description="Vrije tekst.")
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)
    format: str = Field("json", pattern="^json$", description="Alleen `json`.")


class ServiceFilters(Paging):
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: dt.datetime | None = None
    minimal: bool = False
    full: bool = False


class SalFilters(ServiceFilters):
    postcode: str | None = Field(None, max_length=7)
    proximity: float | None = Field(None, gt=0, le=250_000, description="Meters.")


class OrganizationFilters(Paging):
    full: bool = False
    full_service: bool = False


class TermFilters(Paging):
    taxonomy_id: UUID | None = None
    top_only: bool = False
    parent_id: UUID | None = None


def page_envelope(items: list, total: int, page: int, per_page: int) -> dict:
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": items,
    }


def _slice(qs, filters: Paging):
    start = (filters.page - 1) * filters.per_page
    return qs[start : start + filters.per_page]


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}, safe=False)


def listed_organisations():
    return Organisation.objects.listed()


def _phase_filter(filters) -> Q | None:
    if filters.taxonomy_id and filters.taxonomy_id != hsds.PHASE_TAXONOMY_ID:
        return None  # an unknown taxonomy matches nothing
    if filters.taxonomy_term_id:
        return Q(phase_items__tag__phase__uuid=filters.taxonomy_term_id)
    if filters.taxonomy_id:
        return Q(phase_items__isnull=False)
    return Q()


def service_queryset(filters: ServiceFilters):
    qs = Service.objects.filter(organisation__live=True)
    phase_q = _phase_filter(filters)
    if phase_q is None:
        return qs.none()
    qs = qs.filter(phase_q)
    if filters.organization_id:
        qs = qs.filter(organisation__uuid=filters.organization_id)
    if filters.modified_after:
        qs = qs.filter(organisation__last_published_at__gte=filters.modified_after)
    if filters.search:
        qs = qs.filter(
            Q(name__icontains=filters.search)
            | Q(description__icontains=filters.search)
            | Q(organisation__name__icontains=filters.search)
        )
    return qs.distinct().order_by("organisation__name", "organisation_id", "sort_order", "pk")


def _service_prefetch(qs):
    return qs.select_related("organisation").prefetch_related(
        "languages", "locations", "phase_items__tag__phase"
    )


def service_one_to_one(svc) -> dict:
    """A service with its one-to-one fields only (HSDS's service_list)."""
    full = hsds.service(svc, svc.organisation)
    keep = {"id", "organization_id", "name", "description", "status", "application_process"}
    keep |= {"fees_description", "eligibility_description", "organization"}
    return {k: v for k, v in full.items() if k in keep}


@router.get("/", summary="Over deze HSDS-API", url_name="hsds_root")
def root(request):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return _json(
        {
            "version": HSDS_VERSION,
            "profile": "https://docs.openreferral.org/en/latest/hsds/",
            "openapi_url": f"{base}/api/hsds/openapi.json",
        }
    )


@router.get("/services", summary="Diensten (HSDS service_list)")
def list_services(request, filters: Query[ServiceFilters]):
    qs = service_queryset(filters)
    total = qs.count()
    rows = list(_service_prefetch(_slice(qs, filters)))
    if filters.minimal:
        items = [{"id": str(s.uuid), "name": s.name, "status": "active"} for s in rows]
    elif filters.full:
        items = [hsds.service(s, s.organisation) for s in rows]
    else:
        items = [service_one_to_one(s) for s in rows]
    return _json(page_envelope(items, total, filters.page, filters.per_page))


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404(_("Onbekende id: gebruik een UUID.")) from None


@router.get("/services/{id}", summary="Eén dienst (HSDS service)")
def get_service(request, id: str):  # noqa: A002 (HSDS names the parameter id)
    svc = (
        _service_prefetch(Service.objects.filter(organisation__live=True))
        .filter(uuid=_uuid_or_404(id))
        .first()
    )
    if svc is None:
        raise Http404(_("Deze dienst bestaat niet."))
    return _json(hsds.service(svc, svc.organisation))


def organization_one_to_one(org) -> dict:
    data = {
        "id": str(org.uuid),
        "name": org.name,
        "description": org.description or org.name,
        "email": org.email,
        "website": org.website,
    }
    return {k: v for k, v in data.items() if v}


def _organizations_with_services(orgs, full_service: bool) -> list[dict]:
    result = []
    for org in orgs:
        data = hsds.organization(org)
        if full_service:
            data["services"] = [hsds.service(s, org) for s in org.services.all()]
        else:
            data["services"] = [
                {"id": str(s.uuid), "name": s.name, "status": "active"} for s in org.services.all()
            ]
        result.append(data)
    return result


@router.get("/organizations", summary="Organisaties (HSDS organization_list)")
def list_organizations(request, filters: Query[OrganizationFilters]):
    qs = listed_organisations().order_by("name", "pk")
    if filters.search:
        qs = qs.filter(Q(name__icontains=filters.search) | Q(description__icontains=filters.search))
    total = qs.count()
    page = _slice(qs, filters)
    if filters.full or filters.full_service:
        items = _organizations_with_services(hsds.prefetched(page), filters.full_service)
    else:
        items = [organization_one_to_one(o) for o in page]
    return _json(page_envelope(items, total, filters.page, filters.per_page))


@router.get("/organizations/{id}", summary="Eén organisatie (HSDS organization)")
def get_organization(request, id: str, full_service: bool = False):  # noqa: A002
    qs = hsds.prefetched(listed_organisations().filter(uuid=_uuid_or_404(id)))
    [org] = list(qs) or [None]
    if org is None:
        raise Http404(_("Deze organisatie bestaat niet of is niet gepubliceerd."))
    return _json(_organizations_with_services([org], full_service)[0])


def _sal_rows(filters: SalFilters):
    """(service, location) pairs of live organisations matching the filters, in a stable order."""
    services = service_queryset(filters)
    qs = Service.locations.through.objects.filter(service__in=services.values("pk")).order_by(
        "service__organisation__name", "service_id", "location_id"
    )
    if filters.postcode:
        pc4 = normalise_postcode(filters.postcode)
        centre = postcode_centre(pc4[:4]) if pc4 else None
        if centre is None:
            raise HttpError(400, _("Deze postcode kennen we niet."))
        radius_m = filters.proximity or 10_000
        return qs, centre, radius_m / 1000
    return qs, None, None


@router.get("/service_at_locations", summary="Dienst op locatie (HSDS service_at_location_list)")
def list_service_at_locations(request, filters: Query[SalFilters]):
    qs, centre, radius_km = _sal_rows(filters)
    rows = qs.values_list(
        "service__uuid", "location__uuid", "location__latitude", "location__longitude"
    )
    if centre is not None:
        rows = [
            r
            for r in rows.iterator(chunk_size=2000)
            if r[2] is not None and distance_km(*centre, r[2], r[3]) <= radius_km
        ]
        total = len(rows)
        start = (filters.page - 1) * filters.per_page
        page_rows = rows[start : start + filters.per_page]
    else:
        total = qs.count()
        page_rows = list(_slice(rows, filters))
    items = [
        {
            "id": hsds.derived_id("sal", svc_uuid, loc_uuid),
            "service_id": str(svc_uuid),
            "location_id": str(loc_uuid),
        }
        for svc_uuid, loc_uuid, _lat, _lon in page_rows
    ]
    if filters.full and items:
        _nest_sal(items)
    return _json(page_envelope(items, total, filters.page, filters.per_page))


def _nest_sal(items: list[dict]) -> None:
    services = {
        str(s.uuid): s
        for s in _service_prefetch(
            Service.objects.filter(uuid__in={i["service_id"] for i in items})
        )
    }
    locations = {
        str(loc.uuid): loc
        for loc in Location.objects.select_related("municipality", "organisation").filter(
            uuid__in={i["location_id"] for i in items}
        )
    }
    for item in items:
        svc, loc = services[item["service_id"]], locations[item["location_id"]]
        item["service"] = service_one_to_one(svc)
        item["location"] = hsds.location(loc.organisation, loc)


@router.get("/service_at_locations/{id}", summary="Eén dienst op locatie (HSDS)")
def get_service_at_location(request, id: str):  # noqa: A002
    wanted = _uuid_or_404(id)
    # The id is derived from the service's and location's ids; sal.find maps it back directly.
    pair = sal.find(wanted)
    if pair is None:
        raise Http404(_("Deze dienst op locatie bestaat niet."))
    svc_uuid, loc_uuid = pair
    item = {"id": str(wanted), "service_id": str(svc_uuid), "location_id": str(loc_uuid)}
    _nest_sal([item])
    return _json(item)


@router.get("/taxonomies", summary="Taxonomieën (de fasen van de Klantreis)")
def list_taxonomies(request, filters: Query[Paging]):
    items = [hsds.phase_taxonomy()]
    if filters.search and filters.search.lower() not in items[0]["name"].lower():
        items = []
    total = len(items)
    items = items[(filters.page - 1) * filters.per_page :][: filters.per_page]
    return _json(page_envelope(items, total, filters.page, filters.per_page))


@router.get("/taxonomies/{id}", summary="Eén taxonomie")
def get_taxonomy(request, id: str):  # noqa: A002
    if _uuid_or_404(id) != hsds.PHASE_TAXONOMY_ID:
        raise Http404(_("Deze taxonomie bestaat niet."))
    return _json(hsds.phase_taxonomy())


@router.get("/taxonomy_terms", summary="Termen (fasen van de Klantreis)")
def list_taxonomy_terms(request, filters: Query[TermFilters]):
    qs = Phase.objects.order_by("sort_order", "pk")
    if (filters.taxonomy_id and filters.taxonomy_id != hsds.PHASE_TAXONOMY_ID) or filters.parent_id:
        qs = qs.none()  # one flat taxonomy: no other taxonomy, no children
    if filters.search:
        qs = qs.filter(Q(title__icontains=filters.search) | Q(slug__icontains=filters.search))
    total = qs.count()
    items = [hsds.phase_term(p) for p in _slice(qs, filters)]
    return _json(page_envelope(items, total, filters.page, filters.per_page))


@router.get("/taxonomy_terms/{id}", summary="Eén term")
def get_taxonomy_term(request, id: str):  # noqa: A002
    phase = Phase.objects.filter(uuid=_uuid_or_404(id)).first()
    if phase is None:
        raise Http404(_("Deze term bestaat niet."))
    return _json(hsds.phase_term(phase))


def hsds_openapi(request):
    """HSDS's own API description, with our title, contact and server filled in."""
    from ..openapi import CONTACT

    path = settings.SHARED_DIR / "hsds-3.0" / "openapi.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["info"] = {
        "title": "Ketenkaart HSDS 3.0 API",
        "version": API_VERSION,
        "summary": "De partnergids als Open Referral HSDS 3.0.",
        "description": (
            "Organisaties, diensten, locaties en de fasen van de Klantreis (als taxonomie) "
            "volgens Open Referral HSDS 3.0. Namen, parameters en paginering volgen HSDS; "
            "alleen `format=json` wordt ondersteund."
        ),
        "contact": CONTACT,
        "license": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    }
    document["servers"] = [{"url": "/api/hsds"}]
    return _json(document)


hsds_api = KetenkaartAPI(
    title="Ketenkaart HSDS 3.0 API",
    version=API_VERSION,
    urls_namespace="api-hsds",
    server_url="/api/hsds",
    openapi_url=None,
    docs_url=None,
)
hsds_api.add_router("", router)
