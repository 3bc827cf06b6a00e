"""Bulk writes send no publish signals, so importers ask the search index to catch up once.

``schedule`` runs after the transaction commits (never for a rolled-back import) and hands
the search core batches of ids: one index update per 2,000 organisations, not one per row.
"""

from django.dispatch import Signal

from search.indexing import schedule

# Sent (inside the writing transaction) with `ids` when a bulk writer has created or changed
# organisations without Wagtail's publish signals: listeners that cache public data (the API's
# content generation) invalidate on it.
organisations_written = Signal()

INDEX_NAME = "directory"
CHUNK = 2000


def index_after_commit(ids: list[int]) -> None:
    """Queue search-index updates for the organisations just written, in chunks of 2,000 (one
    bulk update each), so memory stays flat whatever the size of the import."""
    organisations_written.send(sender=None, ids=ids)
    for start in range(0, len(ids), CHUNK):
        schedule(INDEX_NAME, ids[start : start + CHUNK])
