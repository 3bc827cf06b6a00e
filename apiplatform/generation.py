"""The content generation: a counter that every publish bumps, part of every ETag.

Why a counter rather than hashing response bodies: the API can then answer a conditional
request with 304 before running the view (one primary-key read instead of a search), and a
streamed GeoJSON response, which is never held in memory, still gets a validator.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import ContentGeneration

_ROW = 1
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Generation:
    value: int
    changed_at: dt.datetime


def current() -> Generation:
    """Return the current generation (one indexed read; no row yet means generation 0)."""
    row = ContentGeneration.objects.filter(pk=_ROW).values_list("value", "changed_at").first()
    if row is None:
        return Generation(0, _EPOCH)
    return Generation(row[0], row[1])


_PENDING = "_apiplatform_bump_pending"


def _bump_now() -> None:
    setattr(transaction.get_connection(), _PENDING, False)
    now = timezone.now()
    updated = ContentGeneration.objects.filter(pk=_ROW).update(value=F("value") + 1, changed_at=now)
    if not updated:
        ContentGeneration.objects.get_or_create(pk=_ROW, defaults={"value": 1, "changed_at": now})


def bump() -> None:
    """Invalidate every cached API response, once the current transaction commits.

    After commit, not before: a request between a bump and the commit would otherwise cache
    the old content under the new generation. Call this from anything that changes what the
    public sees without going through Wagtail's publish signals (bulk imports, commands).
    """
    connection = transaction.get_connection()
    pending = getattr(connection, "run_on_commit", [])
    if (
        connection.in_atomic_block
        and getattr(connection, _PENDING, False)
        and any(item[1] is _bump_now for item in pending)
    ):
        return  # one bump per transaction is enough, however many rows it saved
    if connection.in_atomic_block:
        setattr(connection, _PENDING, True)
    transaction.on_commit(_bump_now)
