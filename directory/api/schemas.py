"""Response schemas of the directory API. Public identifiers are UUIDs and slugs only."""

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field


class OrganisationNameOut(Schema):
    id: UUID = Field(description="De UUID van de organisatie.")
    slug: str
    name: str
    url: str = Field(description="De pagina van de organisatie op deze site (pad).")


class OrganisationTypeOut(Schema):
    slug: str
    name: str


class MunicipalityOut(Schema):
    slug: str
    name: str
    code: str = Field(description="CBS-code (GMxxxx); leeg tot de officiële lijst is ingelezen.")
    province: str


class LanguageOut(Schema):
    code: str = Field(description="ISO 639-code.")
    name: str


class PhaseOut(Schema):
    id: UUID
    slug: str
    title: str
    sort_order: int
    is_retired: bool


class PhaseRef(Schema):
    id: UUID
    slug: str
    title: str


class ThemeOut(Schema):
    slug: str
    name: str


class MunicipalityRef(Schema):
    slug: str
    name: str


class LocationOut(Schema):
    id: UUID
    name: str
    address: str
    postcode: str
    place: str
    municipality: MunicipalityRef | None
    latitude: float | None
    longitude: float | None
    opening_hours: str
    accessibility: str


class ServiceOut(Schema):
    id: UUID
    name: str
    description: str
    audience: str
    cost: str
    how_to_apply: str
    languages: list[LanguageOut]
    phases: list[PhaseRef]
    themes: list[ThemeOut]
    location_ids: list[UUID] = Field(description="De locaties (id) waar deze dienst wordt gegeven.")


class OrganisationLinks(Schema):
    self: str = Field(description="Deze organisatie in de API.")
    html: str = Field(description="De openbare pagina van deze organisatie.")


class OrganisationSummary(Schema):
    id: UUID
    slug: str
    name: str
    organisation_type: OrganisationTypeOut | None
    description: str
    website: str
    is_member: bool
    municipalities: list[MunicipalityRef]
    phases: list[PhaseRef]
    distance_km: float | None = Field(
        None, description="Afstand tot de dichtstbijzijnde locatie, bij zoeken in de buurt."
    )
    links: OrganisationLinks


class OrganisationDetail(OrganisationSummary):
    email: str
    phone: str
    kvk_number: str
    languages: list[LanguageOut]
    logo_url: str | None
    logo_alt_text: str | None = Field(
        None, description="Alternatieve tekst bij het logo; leeg als er geen logo is."
    )
    last_reviewed_at: datetime | None
    locations: list[LocationOut]
    services: list[ServiceOut]
    sections: dict[str, Any] = Field(
        default_factory=dict,
        description="Secties die plug-ins aan het profiel toevoegen, per sleutel.",
    )


class PageLinks(Schema):
    self: str
    next: str | None
    previous: str | None


class OrganisationPage(Schema):
    """One page of search results, with facet counts and paging links."""

    items: list[OrganisationSummary]
    total: int
    page: int
    page_size: int
    num_pages: int
    facets: dict[str, dict[str, int]] = Field(
        description=(
            "Per filter: waarde → aantal resultaten als u die waarde ook kiest (de eigen keuze "
            "van een filter telt niet mee)."
        )
    )
    suggestions: list[str]
    fallback: bool = Field(description="Waar als de zoekmachine onbereikbaar was.")
    links: PageLinks


class GeoJsonPoint(Schema):
    type: str = "Point"
    coordinates: list[float] = Field(description="[lengtegraad, breedtegraad] (RFC 7946).")


class GeoJsonFeature(Schema):
    type: str = "Feature"
    id: UUID
    geometry: GeoJsonPoint
    properties: dict


class GeoJsonFeatureCollection(Schema):
    type: str = "FeatureCollection"
    features: list[GeoJsonFeature]
