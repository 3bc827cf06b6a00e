"""Organisations, services, locations and journey phases as Open Referral HSDS 3.0 objects.

These serialisers are shared by the file export (``export_hsds``) and the HSDS API endpoints.
Every id is a UUID: the directory's own public UUIDs where they exist (organisation, location,
service, phase) and name-based UUIDs (uuid5) for the objects HSDS needs that we do not store
(addresses, phones, attributes, the phase taxonomy), so they are stable between exports.
Empty optional values are left out rather than sent as "" (which would not be a valid email or
uri under HSDS's formats).
"""

import json
import uuid

from django.conf import settings

NAMESPACE = uuid.UUID("6f1f8c1e-7d43-5a53-9c0e-0a4b1e5c2d10")
PHASE_TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:klantreis-fasen")
KVK_SCHEME = "NL-KVK"
CHUNK = 500


def derived_id(kind: str, *parts) -> str:
    """A stable UUID for an object HSDS needs but we do not store."""
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *map(str, parts)])))


def _clean(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if v not in ("", None, [])}


def phase_taxonomy() -> dict:
    return {
        "id": str(PHASE_TAXONOMY_ID),
        "name": "Klantreis-fasen",
        "description": "De fasen van de Klantreis, van aankomst tot integratie in de wijk.",
        "version": "1",
    }


def phase_term(phase) -> dict:
    """A journey phase as an HSDS taxonomy term (its id is the phase's public UUID)."""
    return _clean(
        {
            "id": str(phase.uuid),
            "code": phase.slug,
            "name": phase.title,
            "description": phase.title,
            "taxonomy_id": str(PHASE_TAXONOMY_ID),
            "language": "nl",
        }
    )


def _schedules(organisation, location) -> list[dict]:
    """Opening hours (from the opening-hours plugin, when installed) as weekly schedules."""
    slots = getattr(organisation, "opening_hours_slots", None)
    if slots is None:
        return []
    from directory.plugins.opening_hours.models import ICAL_DAYS

    return [
        {
            "id": derived_id("schedule", location.uuid, slot.pk),
            "location_id": str(location.uuid),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ICAL_DAYS[slot.weekday],
            "opens_at": slot.opens.strftime("%H:%M"),
            "closes_at": slot.closes.strftime("%H:%M"),
            **({"notes": slot.note} if slot.note else {}),
        }
        for slot in slots.all()
    ]


def location(organisation, loc) -> dict:
    address = _clean(
        {
            "id": derived_id("address", loc.uuid),
            "location_id": str(loc.uuid),
            "address_1": loc.address,
            "city": loc.place or (loc.municipality.name if loc.municipality else "") or "-",
            "region": loc.municipality.name if loc.municipality else "",
            "state_province": (loc.municipality.province if loc.municipality else "") or "-",
            "postal_code": loc.postcode,
            "country": "NL",
            "address_type": "physical",
        }
    )
    return _clean(
        {
            "id": str(loc.uuid),
            "location_type": "physical",
            "organization_id": str(organisation.uuid),
            "name": loc.name or str(loc),
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "addresses": [address],
            "accessibility": (
                [
                    {
                        "id": derived_id("accessibility", loc.uuid),
                        "location_id": str(loc.uuid),
                        "description": loc.accessibility,
                    }
                ]
                if loc.accessibility
                else []
            ),
            "schedules": _schedules(organisation, loc),
        }
    )


def organization(org, request_base: str = "") -> dict:
    """An organisation as an HSDS ``organization`` with its locations."""
    base = request_base or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return _clean(
        {
            "id": str(org.uuid),
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
            "uri": f"{base}{org.get_public_url()}" if base else "",
            "phones": (
                [
                    {
                        "id": derived_id("phone", org.uuid),
                        "organization_id": str(org.uuid),
                        "number": org.phone,
                    }
                ]
                if org.phone
                else []
            ),
            "organization_identifiers": (
                [
                    {
                        "id": derived_id("kvk", org.uuid),
                        "organization_id": str(org.uuid),
                        "identifier_scheme": KVK_SCHEME,
                        "identifier_type": "KvK-nummer",
                        "identifier": org.kvk_number,
                    }
                ]
                if org.kvk_number
                else []
            ),
            "locations": [location(org, loc) for loc in org.locations.all()],
        }
    )


def _language(lang, service_id) -> dict:
    return {
        "id": derived_id("language", service_id, lang.code),
        "service_id": service_id,
        "name": lang.name,
        "code": lang.code,
    }


def service(svc, org) -> dict:
    """A service as an HSDS ``service`` with its phases as taxonomy-term attributes."""
    sid = str(svc.uuid)
    return _clean(
        {
            "id": sid,
            "organization_id": str(org.uuid),
            "name": svc.name,
            "description": svc.description,
            "status": "active",
            "application_process": svc.how_to_apply,
            "fees_description": svc.cost,
            "eligibility_description": svc.audience,
            "languages": [_language(lang, sid) for lang in svc.languages.all()],
            "service_at_locations": [
                {
                    "id": derived_id("sal", svc.uuid, loc.uuid),
                    "service_id": sid,
                    "location_id": str(loc.uuid),
                }
                for loc in svc.locations.all()
            ],
            "attributes": [
                {
                    "id": derived_id("attribute", svc.uuid, item.tag.phase.uuid),
                    "link_id": sid,
                    "link_type": "journey_phase",
                    "link_entity": "service",
                    "taxonomy_term_id": str(item.tag.phase.uuid),
                    "taxonomy_term": phase_term(item.tag.phase),
                }
                for item in svc.phase_items.all()
            ],
            "organization": _clean(
                {
                    "id": str(org.uuid),
                    "name": org.name,
                    "description": org.description or org.name,
                    "email": org.email,
                    "website": org.website,
                }
            ),
        }
    )


def prefetched(organisations):
    """The queryset with everything the serialisers read (fixed number of queries)."""
    lookups = [
        "locations__municipality",
        "services__languages",
        "services__locations",
        "services__phase_items__tag__phase",
    ]
    from django.apps import apps

    if apps.is_installed("directory.plugins.opening_hours"):
        lookups.append("opening_hours_slots")
    return organisations.prefetch_related(*lookups)


def export_hsds(organisations):
    """Yield an HSDS bundle as JSON text, chunk by chunk: taxonomies, terms, organizations,
    services (each item valid against its HSDS 3.0 schema)."""
    from journey.models import Phase

    dumps = json.dumps
    yield '{"hsds_version": "3.0", "taxonomies": [' + dumps(phase_taxonomy()) + "], "
    terms = [dumps(phase_term(p)) for p in Phase.objects.order_by("sort_order", "pk")]
    yield '"taxonomy_terms": [' + ", ".join(terms) + '], "organizations": ['
    queryset = prefetched(organisations.order_by("name", "pk"))
    first = True
    services_buffer_ids = []
    for org in queryset.iterator(chunk_size=CHUNK):
        yield ("" if first else ", ") + dumps(organization(org))
        first = False
        services_buffer_ids.append(org.pk)
    yield '], "services": ['
    first = True
    for start in range(0, len(services_buffer_ids), CHUNK):
        batch = prefetched(
            organisations.model.objects.filter(pk__in=services_buffer_ids[start : start + CHUNK])
        ).order_by("name", "pk")
        for org in batch:
            for svc in org.services.all():
                yield ("" if first else ", ") + dumps(service(svc, org))
                first = False
    yield "]}"
