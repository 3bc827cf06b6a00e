"""Organisations as the API shows them: plain dicts matching schemas.py, from prefetched rows.

Nothing here queries the database: callers hydrate with the prefetches in queries.py, so the
number of queries per request does not grow with the number of organisations.
"""

from ..plugins.api import sections_payload

API_PREFIX = "/api/v1"


def phase_ref(phase) -> dict:
    return {"id": phase.uuid, "slug": phase.slug, "title": phase.title}


def phases_of(organisation) -> list[dict]:
    """The union of the services' phases, in journey order."""
    phases = {}
    for service in organisation.services.all():
        for item in service.phase_items.all():
            phases[item.tag.phase.pk] = item.tag.phase
    return [phase_ref(p) for p in sorted(phases.values(), key=lambda p: (p.sort_order, p.pk))]


def municipality_ref(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"slug": municipality.slug, "name": municipality.name}


def summary(organisation, distance_km: float | None = None) -> dict:
    return {
        "id": organisation.uuid,
        "slug": organisation.slug,
        "name": organisation.name,
        "organisation_type": (
            {
                "slug": organisation.organisation_type.slug,
                "name": organisation.organisation_type.name,
            }
            if organisation.organisation_type
            else None
        ),
        "description": organisation.description,
        "website": organisation.website,
        "is_member": organisation.is_member,
        "municipalities": [municipality_ref(m) for m in organisation.municipalities.all()],
        "phases": phases_of(organisation),
        "distance_km": round(distance_km, 2) if distance_km is not None else None,
        "links": {
            "self": f"{API_PREFIX}/organisations/{organisation.uuid}",
            "html": organisation.get_public_url(),
        },
    }


def location(loc) -> dict:
    return {
        "id": loc.uuid,
        "name": loc.name,
        "address": loc.address,
        "postcode": loc.postcode,
        "place": loc.place,
        "municipality": municipality_ref(loc.municipality),
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "opening_hours": loc.opening_hours,
        "accessibility": loc.accessibility,
    }


def language(lang) -> dict:
    return {"code": lang.code, "name": lang.name}


def service(svc) -> dict:
    phases = sorted(
        (item.tag.phase for item in svc.phase_items.all()), key=lambda p: (p.sort_order, p.pk)
    )
    return {
        "id": svc.uuid,
        "name": svc.name,
        "description": svc.description,
        "audience": svc.audience,
        "cost": svc.cost,
        "how_to_apply": svc.how_to_apply,
        "languages": [language(lang) for lang in svc.languages.all()],
        "phases": [phase_ref(p) for p in phases],
        "themes": [{"slug": i.tag.slug, "name": i.tag.name} for i in svc.theme_items.all()],
        "location_ids": [loc.uuid for loc in svc.locations.all()],
    }


def logo_url(organisation) -> str | None:
    if not organisation.logo_id:
        return None
    try:
        return organisation.logo.get_rendition("max-400x400").url
    except Exception:  # a missing image file must not break the API
        return None


def detail(organisation) -> dict:
    data = summary(organisation)
    data.update(
        {
            "email": organisation.email,
            "phone": organisation.phone,
            "kvk_number": organisation.kvk_number,
            "languages": [language(lang) for lang in organisation.languages.all()],
            "logo_url": logo_url(organisation),
            "logo_alt_text": organisation.get_logo_alt_text() or None,
            "last_reviewed_at": organisation.last_reviewed_at,
            "locations": [location(loc) for loc in organisation.locations.all()],
            "services": [service(svc) for svc in organisation.services.all()],
            "sections": sections_payload(organisation),  # directory plugins
        }
    )
    return data
