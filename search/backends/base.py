"""The backend base class: the interface every backend implements, the varying parts as class
attributes (after django-modelsearch's backends/base.py).

- `query_compiler_class`: turns a `DirectoryQuery` into the backend's request.
- `results_class`: what `search` returns (`SearchResult`).
- `rebuilder_class`: rebuilds an index from the registered `SearchIndex`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ..query import MAX_PAGE, MAX_PAGE_SIZE, DirectoryQuery, Sort
from ..registry import SearchIndex
from ..results import SearchResult

logger = logging.getLogger("search")

DEFAULT_INDEX = "directory"


@dataclass
class RebuildReport:
    index: str
    documents: int
    seconds: float
    target: str = ""

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float(self.documents)


class BaseRebuilder:
    """Rebuild one index: stream documents in batches into a fresh target, then swap."""

    def __init__(self, backend, index: SearchIndex):
        self.backend = backend
        self.index = index

    def run(self, progress=None) -> RebuildReport:
        raise NotImplementedError


class BaseSearchBackend:
    name = "base"
    query_compiler_class = None
    results_class = SearchResult
    rebuilder_class = BaseRebuilder

    def __init__(self, params: dict | None = None):
        self.params = dict(params or {})

    # Reading
    def search(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX) -> SearchResult:
        raise NotImplementedError

    def iter_object_ids(
        self,
        query: DirectoryQuery,
        index_name: str = DEFAULT_INDEX,
        batch_size: int = MAX_PAGE_SIZE,
    ):
        """Every object id that matches `query` (all pages, not one), in batches (lists of ids),
        for callers that need all matches: the GeoJSON stream of every location.

        The matches are exactly those of `search()` for the same query (same text analysis,
        same filters); their order is not specified (`page`, `page_size` and `sort` of the query
        are ignored). This generic default pages through `search()` sorted by name, so it
        costs one search per batch (facets and total included) and stops at the query's page
        limit (`MAX_PAGE` pages of `MAX_PAGE_SIZE`, with a warning). A backend that can fetch
        all ids in one statement or a scroll should override it.
        """
        size = max(1, min(batch_size, MAX_PAGE_SIZE))
        paging = query.replace(page=1, page_size=size, sort=Sort.NAME)
        seen: set[int] = set()
        for page in range(1, MAX_PAGE + 1):
            result = self.search(paging.replace(page=page), index_name=index_name)
            batch = [pk for pk in result.ids if pk not in seen]  # an index changing meanwhile
            seen.update(batch)
            if batch:
                yield batch
            if not result.has_next:
                return
        logger.warning(
            "iter_object_ids stopped after %d ids of %d for %r (page limit of the query)",
            len(seen),
            result.total,
            query,
        )

    def autocomplete(self, text: str, limit: int = 8, index_name: str = DEFAULT_INDEX):
        """[(id, name)] of names with a word starting with the last typed word, best first."""
        raise NotImplementedError

    # Writing
    def index_documents(self, index_name: str, documents, delete_ids=()) -> None:
        """Add or replace `documents` and remove `delete_ids` (object ids), in one batch."""
        raise NotImplementedError

    def update_objects(self, index: SearchIndex, object_ids) -> dict:
        """Re-read objects through the index: live ones are indexed, the others removed.

        In batches of the index's chunk size (a renamed phase may touch tens of thousands of
        organisations); one organisation is one batch, so one bulk request."""
        ids = sorted({int(pk) for pk in object_ids})
        indexed = removed = 0
        for start in range(0, len(ids), index.chunk_size):
            batch = ids[start : start + index.chunk_size]
            documents = index.build_documents(batch)
            present = {doc.object_id for doc in documents}
            missing = [pk for pk in batch if pk not in present]
            self.index_documents(index.name, documents, delete_ids=missing)
            indexed += len(documents)
            removed += len(missing)
        return {"indexed": indexed, "removed": removed}

    def rebuild(self, index: SearchIndex, progress=None) -> RebuildReport:
        started = time.perf_counter()
        report = self.rebuilder_class(self, index).run(progress=progress)
        report.seconds = time.perf_counter() - started
        return report

    def sync_synonyms(self) -> bool:
        """Push editors' synonyms where the backend keeps its own copy (nothing by default)."""
        return False

    def count(self, index_name: str = DEFAULT_INDEX) -> int:
        raise NotImplementedError
