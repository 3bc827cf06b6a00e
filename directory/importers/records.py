"""Validated, plain records between a parser (CSV, HSDS, the demo generator) and the writer.

Parsers turn their input into these records (ids already resolved); the writer turns batches of
them into rows with bulk inserts. Keeping them small keeps a streaming import's memory flat.
"""

import uuid as uuid_module
from dataclasses import dataclass, field


@dataclass(slots=True)
class LocationRecord:
    address: str
    postcode: str
    place: str = ""
    municipality_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    name: str = ""
    opening_hours: str = ""
    accessibility: str = ""
    uuid: uuid_module.UUID = field(default_factory=uuid_module.uuid4)


@dataclass(slots=True)
class ServiceRecord:
    name: str
    description: str = ""
    audience: str = ""
    cost: str = ""
    how_to_apply: str = ""
    phase_tag_ids: list[int] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    language_ids: list[int] = field(default_factory=list)
    location_indexes: list[int] = field(default_factory=list)
    uuid: uuid_module.UUID = field(default_factory=uuid_module.uuid4)


@dataclass(slots=True)
class OrganisationRecord:
    name: str
    description: str = ""
    organisation_type_id: int | None = None
    kvk_number: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    is_member: bool = False
    language_ids: list[int] = field(default_factory=list)
    municipality_ids: list[int] = field(default_factory=list)
    locations: list[LocationRecord] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)
    uuid: uuid_module.UUID = field(default_factory=uuid_module.uuid4)
    slug: str = ""
