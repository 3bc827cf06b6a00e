"""Bulk writes send no publish signals, so importers ask the search index to catch up once.

``schedule`` runs after the transaction commits (never for a rolled-back import) and hands
the search core batches of ids: one index update per 2,000 organisations, not one per row.
``WrittenDocuments`` lets a caller that indexes in-process (the demo generator) build the
documents from what the writer has just written instead of reading it back.
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


class WrittenDocuments:
    """The directory's search index, but serving the documents of organisations a
    ``BulkWriter(keep_written=True)`` has just written from its ``written_organisations``
    (``DirectoryIndex.build_documents_from_written``: the same documents, no read-back of
    100,000 organisations with their locations, services and tags). Hand it to a backend in
    place of the index; everything but ``build_documents`` is the index's own.

    Each organisation is served once and then forgotten, so memory shrinks as indexing goes."""

    def __init__(self, index, written):
        self._index = index
        self._written = {org.pk: org for org in written}
        self._vocabulary = None

    def __getattr__(self, name):
        return getattr(self._index, name)

    def build_documents(self, ids):
        from directory.search_index import DocumentVocabulary

        if self._vocabulary is None:
            self._vocabulary = DocumentVocabulary()
        written = [self._written.pop(pk) for pk in ids if pk in self._written]
        return self._index.build_documents_from_written(written, self._vocabulary)
