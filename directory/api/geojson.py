"""Locations as one GeoJSON FeatureCollection (RFC 7946), streamed.

The response is written feature by feature from a database iterator (`.values_list()` +
`.iterator()`), so all locations of 100,000 organisations come back in one response while
the server holds only one chunk of rows at a time. A text filter goes through the search
backend (`iter_object_ids`, batches of organisation ids), so `text` matches exactly what
/organisations finds for it; the batches are streamed the same way. Coordinates are
[longitude, latitude] in WGS 84 (CRS84), as RFC 7946 requires; the `Content-Crs` header says
so (NL API Design Rules, geospatial module).
"""

import itertools
import json

from django.http import StreamingHttpResponse

from search.geo import distance_km
from search.query import DirectoryQuery

from ..models import Location, Organisation
from .queries import INDEX_NAME, filtered_queryset, has_search_index

MEDIA_TYPE = "application/geo+json"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CHUNK_ROWS = 2000
FEATURES_PER_WRITE = 500

FIELDS = (
    "uuid",
    "name",
    "address",
    "postcode",
    "place",
    "latitude",
    "longitude",
    "organisation__uuid",
    "organisation__slug",
    "organisation__name",
)


def _located():
    return Location.objects.filter(latitude__isnull=False, longitude__isnull=False)


def location_rows(query: DirectoryQuery):
    """The rows of every matching location, read a chunk at a time.

    With text, the organisations are those the search backend finds for the query (the same
    stemmed, synonym-aware matching as /organisations), read as batches of ids; each batch's
    locations are one query. Without text, the structured filters are one ORM query.
    """
    if query.text and has_search_index():
        return _rows_for_search(query)
    organisations = filtered_queryset(query).values("pk")
    return (
        _located()
        .filter(organisation__in=organisations)
        .order_by("pk")
        .values_list(*FIELDS)
        .iterator(chunk_size=CHUNK_ROWS)
    )


def _rows_for_search(query: DirectoryQuery):
    from search import get_backend

    live = Organisation.objects.listed().values("pk")
    for batch in get_backend().iter_object_ids(query, index_name=INDEX_NAME):
        yield from (
            _located()
            .filter(organisation_id__in=batch, organisation__in=live)  # the index may lag
            .order_by("organisation_id", "pk")
            .values_list(*FIELDS)
        )


def _feature(row) -> str:
    uuid, name, address, postcode, place, lat, lon, org_uuid, org_slug, org_name = row
    return json.dumps(
        {
            "type": "Feature",
            "id": str(uuid),
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "name": name,
                "address": address,
                "postcode": postcode,
                "place": place,
                "organisation": {
                    "id": str(org_uuid),
                    "slug": org_slug,
                    "name": org_name,
                    "links": {"self": f"/api/v1/organisations/{org_uuid}"},
                },
            },
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def stream(query: DirectoryQuery):
    """The FeatureCollection in parts. The first part is produced only after the first rows
    have been read, so `response()` can run the query inside the view: a database failure
    there is an ordinary error (a problem+json 500), not a 200 cut off after its first line."""
    centre, radius = query.point, query.radius_km
    rows = location_rows(query)
    first_row = next(rows, None)
    yield '{"type":"FeatureCollection","features":['
    buffer, first = [], True
    for row in itertools.chain([first_row] if first_row is not None else [], rows):
        if centre is not None and distance_km(*centre, row[5], row[6]) > radius:
            continue
        buffer.append(_feature(row))
        if len(buffer) >= FEATURES_PER_WRITE:
            yield ("" if first else ",") + ",".join(buffer)
            buffer, first = [], False
    if buffer:
        yield ("" if first else ",") + ",".join(buffer)
    yield "]}"


def response(query: DirectoryQuery) -> StreamingHttpResponse:
    parts = stream(query)
    head = next(parts)  # runs the query now, inside the view (see `stream`)
    result = StreamingHttpResponse(
        (part.encode() for part in itertools.chain([head], parts)),
        content_type=f"{MEDIA_TYPE}; charset=utf-8",
    )
    result["Content-Crs"] = CRS84
    return result
