"""schema.org JSON-LD for an organisation page (Organization with its locations)."""

import json

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organisation_jsonld(org, request) -> dict:
    """An ``Organization`` with ``location`` as ``Place`` (address + geo) per location."""
    url = request.build_absolute_uri(org.get_public_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "url": url,
        "name": org.name,
        "identifier": str(org.uuid),
    }
    if org.description:
        data["description"] = org.description
    if org.website:
        data["sameAs"] = [org.website]
    if org.email:
        data["email"] = org.email
    if org.phone:
        data["telephone"] = org.phone
    if org.kvk_number:
        data["taxID"] = org.kvk_number
    if org.organisation_type_id:
        data["additionalType"] = org.organisation_type.name
    places = []
    for loc in org.locations.all():
        place = {
            "@type": "Place",
            "name": loc.name or org.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": loc.address,
                "postalCode": loc.postcode,
                "addressLocality": loc.place,
                "addressCountry": "NL",
            },
        }
        if loc.municipality_id:
            place["address"]["addressRegion"] = loc.municipality.province or loc.municipality.name
        if loc.latitude is not None and loc.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": loc.latitude,
                "longitude": loc.longitude,
            }
        places.append(place)
    if places:
        data["location"] = places
    services = [svc.name for svc in getattr(org, "detail_services", None) or org.services.all()]
    if services:
        data["makesOffer"] = [
            {"@type": "Offer", "itemOffered": {"@type": "Service", "name": name}}
            for name in services
        ]
    return data


def dumps_for_script(data) -> str:
    """JSON safe inside a <script> element (no way to close the tag from the data)."""
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
