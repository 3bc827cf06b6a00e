"""The directory's API: organisations (search, detail, locations, services), the vocabularies
and locations as GeoJSON. Mounted by cms/api.py under /api/v1.

Every read goes through `Organisation.objects.listed()` (the live rows), so a draft or an
unapproved change never appears. The list endpoint uses the search interface
(`search.get_backend().search(DirectoryQuery)`), the same code path as the public pages.
"""

from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field
from taggit.models import Tag

from journey.models import Phase
from search.query import DirectoryQuery, QueryError

from ..autocomplete import DEFAULT_LIMIT, MAX_LENGTH, MAX_LIMIT, MIN_PREFIX_LENGTH, suggest_names
from ..models import Language, Municipality, Organisation, OrganisationType
from . import geojson, serializers
from .queries import search_organisations, with_detail_relations, with_summary_relations
from .schemas import (
    GeoJsonFeatureCollection,
    LanguageOut,
    LocationOut,
    MunicipalityOut,
    OrganisationDetail,
    OrganisationNameOut,
    OrganisationPage,
    OrganisationTypeOut,
    PhaseOut,
    ServiceOut,
    ThemeOut,
)

router = Router(tags=["partnergids"])
autocomplete_router = Router(tags=["partnergids"])
vocabulary_router = Router(tags=["vocabulaires"])


class OrganisationFilters(Schema):
    """The search interface's filters (search.query.DirectoryQuery), as query parameters."""

    text: str | None = Field(None, max_length=200, description="Zoektekst (naam, beschrijving).")
    phases: list[str] = Field(
        default_factory=list, description="Slugs van fasen van de Klantreis (herhaal of komma's)."
    )
    municipality: str | None = Field(None, description="Slug van een gemeente (werkgebied).")
    near: str | None = Field(
        None, description="Postcode (1234 of 1234 AB) of 'breedtegraad,lengtegraad'."
    )
    radius_km: float | None = Field(None, gt=0, le=250, description="Straal rond `near`.")
    organisation_types: list[str] = Field(default_factory=list, description="Slugs van typen.")
    languages: list[str] = Field(default_factory=list, description="ISO 639-taalcodes.")
    themes: list[str] = Field(default_factory=list, description="Slugs van thema's.")
    members_only: bool = Field(False, description="Alleen leden van Sociaal Werk Nederland.")
    sort: Literal["relevance", "distance", "name"] | None = None
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=100)


def directory_query(request) -> DirectoryQuery:
    """Build the typed query; its errors become a 400 naming every invalid parameter."""
    try:
        return DirectoryQuery.from_params(request.GET)
    except QueryError as exc:
        raise ValidationError(
            [
                {"loc": ("query", name), "msg": message, "type": "invalid"}
                for name, messages in exc.errors.items()
                for message in messages
            ]
        ) from None


def _page_link(request, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"{request.path}?{params.urlencode()}"


@router.get(
    "/organisations",
    response=OrganisationPage,
    summary="Organisaties zoeken",
    description=(
        "Zoeken met elke filter van de partnergids; per pagina, gesorteerd, met facetten. "
        "Alleen gepubliceerde organisaties."
    ),
)
def list_organisations(request, filters: Query[OrganisationFilters]):
    query = directory_query(request)
    result = search_organisations(query)
    organisations = result.hydrate(with_summary_relations(Organisation.objects.listed()))
    return {
        "items": [serializers.summary(o, result.distances.get(o.pk)) for o in organisations],
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "num_pages": result.num_pages,
        "facets": result.facets,
        "suggestions": result.suggestions,
        "fallback": result.fallback,
        "links": {
            "self": request.get_full_path(),
            "next": _page_link(request, result.page + 1) if result.has_next else None,
            "previous": _page_link(request, result.page - 1) if result.has_previous else None,
        },
    }


class AutocompleteParams(Schema):
    text: str = Field(
        ...,
        min_length=1,
        max_length=MAX_LENGTH,
        description=(
            "Wat de gebruiker tot nu toe typte. Elk woord moet in de naam voorkomen; het "
            f"laatste mag het begin van een woord zijn (vanaf {MIN_PREFIX_LENGTH} tekens). Een "
            "spatie aan het eind betekent: het laatste woord is af."
        ),
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel namen hoogstens.")


@autocomplete_router.get(
    "/organisations",
    response=list[OrganisationNameOut],
    summary="Namen van organisaties aanvullen",
    description=(
        "Namen van gepubliceerde organisaties die passen bij wat iemand typt, voor een "
        "zoekveld met suggesties: eerst namen met een woord dat begint met het laatst "
        "getypte woord, dan op naam. Dezelfde woordstammen en synoniemen als het zoeken."
    ),
)
def autocomplete_organisations(request, params: Query[AutocompleteParams]):
    return [
        {"id": item.uuid, "slug": item.slug, "name": item.name, "url": item.url}
        for item in suggest_names(params.text, params.limit)
    ]


def get_listed(organisation_id: str, queryset=None) -> Organisation:
    """A live organisation by UUID or slug; 404 for drafts, unpublished and unknown ones."""
    qs = queryset if queryset is not None else Organisation.objects.listed()
    try:
        lookup = {"uuid": UUID(organisation_id)}
    except ValueError:
        lookup = {"slug": organisation_id}
    organisation = qs.filter(**lookup).first()
    if organisation is None:
        raise Http404(_("Deze organisatie bestaat niet of is niet gepubliceerd."))
    return organisation


@router.get(
    "/organisations/{organisation_id}",
    response=OrganisationDetail,
    summary="Eén organisatie",
    description="Op UUID of slug, met locaties en diensten.",
)
def get_organisation(request, organisation_id: str):
    qs = with_detail_relations(Organisation.objects.listed())
    return serializers.detail(get_listed(organisation_id, qs))


@router.get(
    "/organisations/{organisation_id}/locations",
    response=list[LocationOut],
    summary="Locaties van een organisatie",
)
def list_organisation_locations(request, organisation_id: str):
    qs = with_detail_relations(Organisation.objects.listed())
    return [serializers.location(loc) for loc in get_listed(organisation_id, qs).locations.all()]


@router.get(
    "/organisations/{organisation_id}/services",
    response=list[ServiceOut],
    summary="Diensten van een organisatie",
)
def list_organisation_services(request, organisation_id: str):
    qs = with_detail_relations(Organisation.objects.listed())
    return [serializers.service(svc) for svc in get_listed(organisation_id, qs).services.all()]


@router.get(
    "/locations",
    response={200: GeoJsonFeatureCollection},
    summary="Alle locaties als GeoJSON",
    description=(
        "Een FeatureCollection (RFC 7946, application/geo+json, [lengtegraad, breedtegraad] in "
        "WGS 84) van de locaties van alle organisaties die aan de filters voldoen, in één "
        "gestreamd antwoord. Dezelfde filters als /organisations, ook `text`: die vindt "
        "dezelfde organisaties als de zoekfunctie (woordstammen, synoniemen). `page`, "
        "`page_size` en `sort` gelden hier niet."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "GeoJSON FeatureCollection",
                "content": {
                    "application/geo+json": {
                        "schema": {"$ref": "#/components/schemas/GeoJsonFeatureCollection"}
                    }
                },
            }
        }
    },
)
def locations_geojson(request, filters: Query[OrganisationFilters]):
    return geojson.response(directory_query(request))


# Vocabularies ----------------------------------------------------------------------------


@vocabulary_router.get("/phases", response=list[PhaseOut], summary="Fasen van de Klantreis")
def list_phases(request, include_retired: bool = False):
    qs = Phase.objects.order_by("sort_order", "pk")
    if not include_retired:
        qs = qs.filter(is_retired=False)
    return [
        {
            "id": p.uuid,
            "slug": p.slug,
            "title": p.title,
            "sort_order": p.sort_order,
            "is_retired": p.is_retired,
        }
        for p in qs
    ]


@vocabulary_router.get("/municipalities", response=list[MunicipalityOut], summary="Gemeenten")
def list_municipalities(request):
    return list(
        Municipality.objects.filter(is_active=True).values("slug", "name", "code", "province")
    )


@vocabulary_router.get(
    "/organisation-types", response=list[OrganisationTypeOut], summary="Typen organisaties"
)
def list_organisation_types(request):
    return list(OrganisationType.objects.values("slug", "name"))


@vocabulary_router.get("/languages", response=list[LanguageOut], summary="Talen")
def list_languages(request):
    return list(Language.objects.values("code", "name"))


@vocabulary_router.get("/themes", response=list[ThemeOut], summary="Thema's van diensten")
def list_themes(request):
    """The themes used by services of live organisations."""
    return list(
        Tag.objects.filter(directory_service_items__content_object__organisation__live=True)
        .distinct()
        .order_by("name")
        .values("slug", "name")
    )


# Writes by members (personal token, moderated).
from . import write  # noqa: E402

write.register(router)
