"""The facet table of an index, held in this process as roaring bitmaps.

Why: "the counts if you also chose this" over a broad text match means counting, per facet,
every facet row of tens of thousands of documents. A grouped SQL query does that in seconds at
100,000 organisations; intersecting compressed bitmaps (pyroaring, CRoaring) does it in
microseconds. The database stays the only source of truth: this is a cache of
`kksearch_searchfacet`, `kksearch_searchdocument` (facet values, member flag, name order,
object ids) and `kksearch_searchpoint` (on a grid of 0.1 degree cells, so "near" reads a few
cells and computes exact great-circle distances for their points only). On PostgreSQL it also
holds the lexemes of the tsvectors (postings.py), loaded and patched with the rest; SQLite's
FTS5 matches text itself.

Keeping up with writes from other processes: every write logs the object ids it touched in
`kksearch_searchchange` under a random token (see `SearchChange`). Before each search a
process reads the log after the last row it applied (one indexed query, usually empty) and
re-reads only those objects. If the row it last applied is gone or carries another token (a
rebuild, a rolled-back transaction, a pruned log), it reloads the whole index. Writers are
serialised per index (SQLite's single writer; an advisory lock on PostgreSQL), so log ids are
committed in order and no change is skipped.

Keys are `SearchDocument.id`s ("doc ids"), the rowids the text and place queries return.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import math
import threading
from itertools import islice

from pyroaring import BitMap

from ...geo import EARTH_RADIUS_KM, bounding_box
from .postings import TextPostings

# Above this many changed objects, reloading everything is cheaper than patching.
MAX_PATCH = 5_000
# Below this many matches, sorting them beats walking the whole name order.
SORT_THRESHOLD = 4_000
# The change-log rows a process has not applied yet (the only query of a search when nothing
# changed; the benchmark times it bare).
CHANGES_SQL = (
    "SELECT id, token, object_id FROM kksearch_searchchange "
    "WHERE index_name = %s AND id >= %s ORDER BY id"
)
# Grid cell size for points, in degrees (about 11 by 7 km in the Netherlands).
CELL = 0.1


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL), math.floor(lon / CELL))


def _point(doc_id: int, lat: float, lon: float) -> tuple:
    """A point with what the haversine formula needs precomputed."""
    phi = math.radians(lat)
    return (lat, lon, phi, math.cos(phi), math.radians(lon), doc_id)


def _parse_ids(text: str | None) -> BitMap:
    return BitMap(map(int, text.split(","))) if text else BitMap()


# From this many documents a full reload freezes the process's objects (below: the collector's
# full passes are short anyway, and the collection before the freeze would cost more).
FREEZE_AFTER_DOCUMENTS = 10_000


def freeze_long_lived_objects() -> None:
    """Exclude what the process holds for good from the cyclic garbage collector's full passes.

    Why: at 100,000 organisations the bitmaps' companions (a list of points per document,
    the name order, the postings) plus Django's and Wagtail's own objects are over 300,000
    container objects. A full (generation 2) collection walks all of them, and one came every
    few listing requests: about 250 ms added to that request, the benchmark's p95. Frozen
    objects are still freed by reference counting when a later reload replaces them; only
    the cycle search skips them. Collected first, so no garbage cycle is frozen with them.
    Runs after a full reload of a large index (rare: start, rebuild, large changes), never per
    request."""
    gc.collect()
    gc.freeze()


class FacetMemory:
    """One index's facet bitmaps, name order and object ids, kept in step with the change log."""

    def __init__(self, index_name: str, postings: TextPostings | None = None):
        self.index_name = index_name
        # PostgreSQL's text postings (postings.py), kept in step with the rest; None on SQLite,
        # whose FTS5 index answers text itself.
        self.postings = postings
        self.lock = threading.RLock()
        self.loaded = False
        self.last_change: tuple[int, str] = (0, "")
        self.reloads = 0
        self._clear()

    def _clear(self) -> None:
        self.all = BitMap()
        self.members = BitMap()
        # facet name -> value -> documents having it
        self.values: dict[str, dict[str, BitMap]] = {}
        self.object_of: dict[int, int] = {}
        self.doc_of: dict[int, int] = {}
        self.sort_key: dict[int, tuple[str, int]] = {}
        # doc ids in name order (name_sort, then object id): the order of a name-sorted listing
        self.name_order: list[int] = []
        self.cells: dict[tuple[int, int], list[tuple]] = {}
        self.doc_points: dict[int, list[tuple]] = {}

    def _add_point(self, doc_id: int, lat: float, lon: float) -> None:
        point = _point(doc_id, lat, lon)
        self.cells.setdefault(_cell(lat, lon), []).append(point)
        self.doc_points.setdefault(doc_id, []).append(point)

    # Keeping up ---------------------------------------------------------------------------
    def sync(self, cursor, aggregate_sql: str) -> None:
        """Bring the bitmaps up to date with the database (one query when nothing changed)."""
        last_id, last_token = self.last_change
        cursor.execute(CHANGES_SQL, [self.index_name, last_id])
        rows = cursor.fetchall()
        if not self.loaded:
            self.reload(cursor, aggregate_sql)
            return
        if last_id:
            if not rows or (rows[0][0], rows[0][1]) != (last_id, last_token):
                self.reload(cursor, aggregate_sql)
                return
            rows = rows[1:]
        if not rows:
            return
        changed = {object_id for _, _, object_id in rows}
        if None in changed or len(changed) > MAX_PATCH:
            self.reload(cursor, aggregate_sql)
            return
        self.patch(cursor, sorted(changed))
        self.last_change = (rows[-1][0], rows[-1][1])

    def reload(self, cursor, aggregate_sql: str) -> None:
        """Read the whole index: documents in name order, then each facet value's documents
        as one aggregated row (`aggregate_sql` is the vendor's comma-joined id list)."""
        cursor.execute(
            "SELECT id, token FROM kksearch_searchchange WHERE index_name = %s "
            "ORDER BY id DESC LIMIT 1",
            [self.index_name],
        )
        row = cursor.fetchone()
        last_change = (row[0], row[1]) if row else (0, "")
        self._clear()
        cursor.execute(
            "SELECT id, object_id, name_sort, is_member FROM kksearch_searchdocument "
            "WHERE index_name = %s",
            [self.index_name],
        )
        members = []
        for doc_id, object_id, name_sort, is_member in cursor.fetchall():
            self.object_of[doc_id] = object_id
            self.doc_of[object_id] = doc_id
            self.sort_key[doc_id] = (name_sort, object_id)
            if is_member:
                members.append(doc_id)
        self.all = BitMap(self.object_of)
        self.members = BitMap(members)
        self.name_order = sorted(self.object_of, key=self.sort_key.__getitem__)
        cursor.execute(
            f"SELECT facet, value, {aggregate_sql} FROM kksearch_searchfacet "  # noqa: S608
            "WHERE index_name = %s GROUP BY facet, value",
            [self.index_name],
        )
        for facet, value, ids in cursor.fetchall():
            self.values.setdefault(facet, {})[value] = _parse_ids(ids)
        cursor.execute(
            "SELECT document_id, latitude, longitude FROM kksearch_searchpoint "
            "WHERE index_name = %s",
            [self.index_name],
        )
        for doc_id, lat, lon in cursor.fetchall():
            self._add_point(doc_id, lat, lon)
        if self.postings is not None:
            self.postings.reload(cursor)
        self.last_change = last_change
        self.loaded = True
        self.reloads += 1
        if len(self.object_of) >= FREEZE_AFTER_DOCUMENTS:
            freeze_long_lived_objects()

    def patch(self, cursor, object_ids: list[int]) -> None:
        """Replace what these objects contribute by what the database holds for them now."""
        placeholders = ", ".join(["%s"] * len(object_ids))
        gone = BitMap(self.doc_of[pk] for pk in object_ids if pk in self.doc_of)
        if gone:
            for by_value in self.values.values():
                for bitmap in by_value.values():
                    bitmap.difference_update(gone)
            self.all.difference_update(gone)
            self.members.difference_update(gone)
            for doc_id in gone:
                del self.doc_of[self.object_of.pop(doc_id)]
                del self.sort_key[doc_id]
                for point in self.doc_points.pop(doc_id, ()):
                    self.cells[_cell(point[0], point[1])].remove(point)
            self.name_order = [d for d in self.name_order if d not in gone]
            if self.postings is not None:
                self.postings.discard(gone, len(self.all))
        cursor.execute(
            "SELECT id, object_id, name_sort, is_member FROM kksearch_searchdocument "  # noqa: S608
            f"WHERE index_name = %s AND object_id IN ({placeholders})",
            [self.index_name, *object_ids],
        )
        added = cursor.fetchall()
        if not added:
            return
        for doc_id, object_id, name_sort, is_member in added:
            self.object_of[doc_id] = object_id
            self.doc_of[object_id] = doc_id
            self.sort_key[doc_id] = (name_sort, object_id)
            self.all.add(doc_id)
            if is_member:
                self.members.add(doc_id)
            bisect.insort(self.name_order, doc_id, key=self.sort_key.__getitem__)
        doc_ids = [row[0] for row in added]
        in_docs = ", ".join(["%s"] * len(doc_ids))
        cursor.execute(
            "SELECT document_id, facet, value FROM kksearch_searchfacet "  # noqa: S608
            f"WHERE document_id IN ({in_docs})",
            doc_ids,
        )
        for doc_id, facet, value in cursor.fetchall():
            self.values.setdefault(facet, {}).setdefault(value, BitMap()).add(doc_id)
        cursor.execute(
            "SELECT document_id, latitude, longitude FROM kksearch_searchpoint "  # noqa: S608
            f"WHERE document_id IN ({in_docs})",
            doc_ids,
        )
        for doc_id, lat, lon in cursor.fetchall():
            self._add_point(doc_id, lat, lon)
        if self.postings is not None:
            self.postings.add(cursor, doc_ids)

    # Answering ----------------------------------------------------------------------------
    def union(self, facet: str, values) -> BitMap:
        """Documents with any of `values` for `facet` (a filter's alternatives)."""
        by_value = self.values.get(facet, {})
        return BitMap.union(BitMap(), *(by_value[v] for v in values if v in by_value))

    def counts(self, facet: str, within: BitMap) -> dict[str, int]:
        """{value: documents of `within` having it}, zeros left out."""
        result = {}
        for value, bitmap in self.values.get(facet, {}).items():
            count = within.intersection_cardinality(bitmap)
            if count:
                result[value] = count
        return result

    def near(self, lat: float, lon: float, radius_km: float) -> dict[int, float]:
        """{doc id: km to its nearest point} for documents within `radius_km`: the cells that
        overlap the bounding box, then the exact great-circle distance (as geo.distance_km)."""
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_km)
        (low_row, low_col), (high_row, high_col) = _cell(min_lat, min_lon), _cell(max_lat, max_lon)
        phi1, cos1, lambda1 = math.radians(lat), math.cos(math.radians(lat)), math.radians(lon)
        sin, sqrt, asin = math.sin, math.sqrt, math.asin
        diameter = 2 * EARTH_RADIUS_KM
        found: dict[int, float] = {}
        for row in range(low_row, high_row + 1):
            for col in range(low_col, high_col + 1):
                for p_lat, p_lon, phi2, cos2, lambda2, doc_id in self.cells.get((row, col), ()):
                    if not (min_lat <= p_lat <= max_lat and min_lon <= p_lon <= max_lon):
                        continue
                    a = (
                        sin((phi2 - phi1) / 2) ** 2
                        + cos1 * cos2 * sin((lambda2 - lambda1) / 2) ** 2
                    )
                    distance = diameter * asin(min(1.0, sqrt(a)))
                    if distance <= radius_km and distance < found.get(doc_id, math.inf):
                        found[doc_id] = distance
        return found

    def page_by_name(self, matched: BitMap, offset: int, limit: int) -> list[int]:
        """Doc ids `offset`..`offset + limit` of `matched` in name order."""
        if offset >= len(matched) or limit <= 0:
            return []
        if len(matched) <= SORT_THRESHOLD:
            ordered = heapq.nsmallest(offset + limit, matched, key=self.sort_key.__getitem__)
            return ordered[offset:]
        # Dense: walk the name order, which reaches the page after about
        # (offset + limit) * total / matched steps.
        return list(islice(filter(matched.__contains__, self.name_order), offset, offset + limit))


class MemoryRegistry:
    """The FacetMemory of each (database, index) in this process."""

    def __init__(self):
        self._memories: dict[tuple, FacetMemory] = {}
        self._lock = threading.Lock()

    def get(self, connection, index_name: str, text: bool = True) -> FacetMemory:
        """The memory of an index; with PostgreSQL's text postings unless `text` is off (the
        backend's TEXT_MEMORY option) or the database is SQLite."""
        text = text and connection.vendor == "postgresql"
        key = (connection.alias, str(connection.settings_dict.get("NAME")), index_name, text)
        with self._lock:
            memory = self._memories.get(key)
            if memory is None:
                postings = TextPostings(index_name) if text else None
                memory = self._memories[key] = FacetMemory(index_name, postings)
            return memory

    def clear(self) -> None:
        with self._lock:
            self._memories.clear()


memories = MemoryRegistry()
