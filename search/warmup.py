"""Warm the search backend when a server process starts, before its first visitor.

Why: the database backend keeps facet bitmaps (and what else it caches) per process, and the
first search of a new process loads them: seconds at 100,000 organisations. A gunicorn worker
that starts warming as soon as it is imported makes that cost nobody's page view. Backend
agnostic: it runs one empty search per registered index, which on Elasticsearch is a cheap
request. Failures are logged and never stop the server (the first search retries anyway).
"""

from __future__ import annotations

import logging
import threading

from django.db import connections

logger = logging.getLogger("search")


def warm() -> list[str]:
    """One empty search per registered index; returns the names of the indexes warmed."""
    from . import get_backend
    from .query import DirectoryQuery
    from .registry import registry

    warmed = []
    backend = get_backend()
    for index in registry:
        try:
            backend.search(DirectoryQuery(page_size=1), index.name)
        except Exception:  # noqa: BLE001 - warming must never take a server down
            logger.warning("Could not warm search index %s at start", index.name, exc_info=True)
        else:
            warmed.append(index.name)
    return warmed


def _warm_and_close() -> None:
    try:
        warm()
    finally:
        connections.close_all()


def warm_in_background() -> threading.Thread:
    """Start warming in a daemon thread (its own database connection, closed afterwards)."""
    thread = threading.Thread(target=_warm_and_close, name="search-warmup", daemon=True)
    thread.start()
    return thread
