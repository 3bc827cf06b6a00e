"""Bulk writes send no publish signals, so importers ask the search index to catch up once.

``schedule`` runs after the transaction commits (never for a rolled-back import) and hands
the search core one batch of ids: one index update instead of one per organisation.
"""

from search.indexing import schedule

INDEX_NAME = "directory"


def index_after_commit(ids: list[int]) -> None:
    """Queue one search-index update for the organisations just written."""
    if ids:
        schedule(INDEX_NAME, ids)
