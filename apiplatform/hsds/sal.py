"""service_at_location ids: from the derived id straight to its (service, location) pair.

The id is `derived_id("sal", service.uuid, location.uuid)` (uuid5), computed wherever a pair is
shown (list endpoint, file export). `ServiceAtLocationId` stores id → pair so the detail
endpoint looks it up by primary key instead of hashing every pair until one matches.

The table is derived data, filled lazily: `find()` misses → if the content generation or the
newest pair moved since the last `sync()` (a publish or save of directory data bumps the
generation; a bulk import that does not still adds pairs with higher keys), `sync()`
adds the pairs that have no row (an anti-join, so only new pairs are hashed) and drops rows of
pairs that are gone, then looks again. A miss at an unchanged generation is a plain 404, so
unknown ids cannot make us scan. Rows of deleted services and locations go with them
(CASCADE); a row is only used after checking that its pair still exists and is live.
"""

from django.core.cache import cache
from django.db.models import Exists, Max, OuterRef, Q

from directory.models import Service
from directory.plugins.hsds.export import derived_id

from .. import generation
from ..models import ServiceAtLocationId

SYNCED_KEY = "apiplatform:hsds:sal-synced-generation"
BATCH = 2000


def _pairs():
    return Service.locations.through.objects


def _state() -> list:
    """What a sync depends on: the content generation and the newest pair's primary key (bulk
    imports write pairs without moving the generation; the key catches those, from an index)."""
    newest = _pairs().aggregate(newest=Max("pk"))["newest"]
    return [generation.current().value, newest]


def sync() -> int:
    """Give every (service, location) pair its id row and drop rows of vanished pairs.

    Returns the number of rows added. Safe to run concurrently (conflicts are ignored)."""
    started_at = _state()
    has_row = ServiceAtLocationId.objects.filter(
        service_id=OuterRef("service_id"), location_id=OuterRef("location_id")
    )
    missing = (
        _pairs()
        .exclude(Exists(has_row))
        .order_by("service_id", "location_id")
        .values_list("service_id", "location_id", "service__uuid", "location__uuid")
    )
    added, last = 0, None
    while True:
        page = missing
        if last is not None:  # keyset paging: never the same pair twice, whatever happens
            page = page.filter(
                Q(service_id__gt=last[0]) | Q(service_id=last[0], location_id__gt=last[1])
            )
        rows = list(page[:BATCH])
        if not rows:
            break
        ServiceAtLocationId.objects.bulk_create(
            [
                ServiceAtLocationId(
                    id=derived_id("sal", svc_uuid, loc_uuid), service_id=svc, location_id=loc
                )
                for svc, loc, svc_uuid, loc_uuid in rows
            ],
            ignore_conflicts=True,
        )
        added += len(rows)
        last = rows[-1][:2]
    pair_exists = _pairs().filter(
        service_id=OuterRef("service_id"), location_id=OuterRef("location_id")
    )
    ServiceAtLocationId.objects.exclude(Exists(pair_exists)).delete()
    cache.set(SYNCED_KEY, started_at, timeout=None)
    return added


def _lookup(sal_id) -> tuple[int, int] | None:
    row = ServiceAtLocationId.objects.filter(pk=sal_id).values_list("service_id", "location_id")
    return row.first()


def find(sal_id):
    """(service UUID, location UUID) of a live organisation's pair with this id, or None."""
    pair = _lookup(sal_id)
    if pair is None and cache.get(SYNCED_KEY) != _state():
        sync()
        pair = _lookup(sal_id)
    if pair is None:
        return None
    return (
        _pairs()
        .filter(service_id=pair[0], location_id=pair[1], service__organisation__live=True)
        .values_list("service__uuid", "location__uuid")
        .first()
    )
