"""The database backend: SQLite FTS5 or PostgreSQL full text, with zero extra services.

A search reads the change log first (memory.py: is this process's copy of the index current?).
Filtering, "counts if you also chose this", ordering, paging and places happen on roaring
bitmaps in memory. A text adds one statement: on SQLite the FTS5 match (compiler.py
`candidates()`); on PostgreSQL, whose text postings are in memory too (postings.py), the
statement that has PostgreSQL normalise the tsqueries, plus one that checks the word order of
a phrase's candidates when the text has a phrase. Add one statement for "did you mean"
suggestions when a text search finds nothing and one when the synonym cache is cold.

With the backend option FACET_MEMORY set to False, a search is instead one SQL statement that
answers everything with grouped queries (compiler.py `compile()`): the reference the tests
and the benchmark compare with. The vendor-specific parts are class attributes chosen by the
connection's vendor.
"""

from __future__ import annotations

import difflib
import logging
from collections import Counter
from contextlib import contextmanager

from django.db import connections, transaction
from pyroaring import BitMap

from ... import text as textmod
from ...prefetch import batches_for, documents_for_rebuild
from ...query import FACET_FIELDS, MEMBERS_FACET, DirectoryQuery, Sort
from ...synonyms import synonym_map
from ..base import DEFAULT_INDEX, BaseRebuilder, BaseSearchBackend, RebuildReport
from .compiler import (
    CANDIDATES_ALL,
    CANDIDATES_NAME,
    CANDIDATES_PREFIX,
    KIND_HIT,
    KIND_TOTAL,
    NAME_TIER,
    PREFIX_TIER,
    PostgresQueryCompiler,
    SQLiteQueryCompiler,
)
from .functions import ensure_sqlite_functions
from .memory import memories
from .writer import PostgresDocumentWriter, SQLiteDocumentWriter

logger = logging.getLogger("search")

MAX_SUGGESTIONS = 3


class DatabaseRebuilder(BaseRebuilder):
    """Replace an index's documents in one transaction: readers see the old documents until the
    new ones are complete (PostgreSQL MVCC; SQLite readers until the commit), and a failure
    rolls back to the old ones."""

    def run(self, progress=None) -> RebuildReport:
        backend = self.backend
        count = 0
        terms: Counter = Counter()
        writer = backend.get_writer(self.index.name)
        batches = documents_for_rebuild(self.index, backend.alias)  # before the atomic
        try:
            with transaction.atomic(using=backend.alias):
                writer.begin_rebuild()
                for documents in batches:
                    terms.update(writer.insert(documents))
                    count += len(documents)
                    if progress:
                        progress(len(documents))
                writer.replace_terms(terms)
                writer.finish_rebuild()
        finally:
            batches.close()  # stops the reader thread when the writing failed
            writer.release()
        return RebuildReport(index=self.index.name, documents=count, seconds=0.0, target="db")


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"
    query_compiler_classes = {"sqlite": SQLiteQueryCompiler, "postgresql": PostgresQueryCompiler}
    writer_classes = {"sqlite": SQLiteDocumentWriter, "postgresql": PostgresDocumentWriter}
    rebuilder_class = DatabaseRebuilder

    def __init__(self, params=None):
        super().__init__(params)
        self.alias = self.params.get("DATABASE", "default")
        self.facet_memory = bool(self.params.get("FACET_MEMORY", True))
        # PostgreSQL: match text on in-memory postings (postings.py). Off: in SQL, as SQLite
        # does, for a process that must start fast or small (loading them takes seconds at
        # 100,000 organisations) and can afford slower broad text searches.
        self.text_memory = bool(self.params.get("TEXT_MEMORY", True))

    @property
    def connection(self):
        return connections[self.alias]

    def _vendor_class(self, classes):
        vendor = self.connection.vendor
        try:
            return classes[vendor]
        except KeyError:
            raise NotImplementedError(
                f"The database search backend supports SQLite and PostgreSQL, not {vendor}."
            ) from None

    def get_compiler(self, query, index_name, text_query):
        return self._vendor_class(self.query_compiler_classes)(query, index_name, text_query)

    def get_writer(self, index_name):
        return self._vendor_class(self.writer_classes)(self.connection, index_name)

    def _cursor(self):
        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            ensure_sqlite_functions(connection)
        return connection.cursor()

    # Reading -------------------------------------------------------------------------------
    def compile(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX):
        """The SQL and params of a search (also what the benchmark runs bare)."""
        text_query = textmod.analyse_query(query.text, synonym_map() if query.text else None)
        return self.get_compiler(query, index_name, text_query), text_query

    def search(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX):
        if not self.facet_memory:
            return self.search_sql(query, index_name)
        with self._in_memory(query, index_name) as (memory, text_query, tiers, distances):
            result = self._answer(memory, query, bool(text_query), tiers, distances)
        if result.total == 0 and text_query:
            result.suggestions = self.suggest(text_query.words, index_name)
        return result

    def iter_object_ids(self, query, index_name=DEFAULT_INDEX, batch_size=1000):
        """All matches from the bitmaps at once (no paging through search), in batches."""
        if not self.facet_memory:
            yield from super().iter_object_ids(query, index_name, batch_size)
            return
        with self._in_memory(query, index_name) as (memory, text_query, tiers, distances):
            candidates, filters = self._candidates(
                memory, query, bool(text_query), tiers, distances
            )
            matched = candidates
            for bitmap in filters.values():
                matched = matched & bitmap
            object_ids = [memory.object_of[doc] for doc in matched]
        for start in range(0, len(object_ids), max(1, batch_size)):
            yield object_ids[start : start + batch_size]

    @contextmanager
    def _in_memory(self, query: DirectoryQuery, index_name: str):
        """Sync the bitmaps, match text (SQLite: SQL; PostgreSQL: postings) and place (memory),
        holding the memory's lock."""
        compiler, text_query = self.compile(query, index_name)
        with self._cursor() as cursor:
            memory = memories.get(self.connection, index_name, text=self.text_memory)
            with memory.lock:
                memory.sync(cursor, compiler.aggregate("document_id"))
                tiers = {
                    CANDIDATES_ALL: BitMap(),
                    CANDIDATES_NAME: BitMap(),
                    CANDIDATES_PREFIX: BitMap(),
                }
                if text_query and memory.postings is not None:
                    tiers.update(memory.postings.match(cursor, compiler, memory.all))
                elif text_query:
                    cursor.execute(*compiler.candidates(near=False))
                    for kind, ids, _distance in cursor.fetchall():
                        if ids:
                            tiers[kind] = BitMap(map(int, ids.split(",")))
                distances = None
                if query.point is not None:
                    distances = memory.near(*query.point, query.radius_km)
                yield memory, text_query, tiers, distances

    @staticmethod
    def _candidates(memory, query: DirectoryQuery, has_text: bool, tiers, distances):
        """(documents matching text and place, {filter: documents passing it})."""
        candidates = memory.all
        if has_text:
            candidates = candidates & tiers[CANDIDATES_ALL]
        if query.point is not None:
            candidates = candidates & BitMap(distances)
        filters: dict[str, BitMap] = {}
        for attr, facet in FACET_FIELDS.items():
            value = getattr(query, attr)
            values = (value,) if isinstance(value, str) else tuple(value or ())
            if values:
                filters[attr] = memory.union(facet, values)
        if query.members_only:
            filters[MEMBERS_FACET] = memory.members
        return candidates, filters

    def _answer(self, memory, query: DirectoryQuery, has_text: bool, tiers, distances):
        """Filter, count, order and page on the bitmaps (memory.py)."""
        candidates, filters = self._candidates(memory, query, has_text, tiers, distances)

        def narrowed(skip: str | None = None) -> BitMap:
            result = candidates
            for name, bitmap in filters.items():
                if name != skip:
                    result = result & bitmap
            return result

        matched = narrowed()
        facets: dict[str, dict[str, int]] = {}
        for attr, facet in FACET_FIELDS.items():
            within = narrowed(attr) if attr in filters else matched
            counts = memory.counts(facet, within)
            facets[attr] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        members = (narrowed(MEMBERS_FACET) if query.members_only else matched) & memory.members
        facets[MEMBERS_FACET] = {"true": len(members)} if members else {}

        offset, limit = query.offset, query.page_size
        if query.point is not None and query.sort == Sort.DISTANCE:
            ordered = sorted(matched, key=lambda doc: (distances[doc], *memory.sort_key[doc]))[
                offset : offset + limit
            ]
        elif has_text and query.sort == Sort.RELEVANCE:
            ordered = self._page_by_tier(memory, matched, tiers, offset, limit)
        else:
            ordered = memory.page_by_name(matched, offset, limit)
        object_ids = [memory.object_of[doc] for doc in ordered]
        result_distances = {}
        if query.point is not None and query.sort == Sort.DISTANCE:
            result_distances = {memory.object_of[doc]: round(distances[doc], 3) for doc in ordered}
        return self.results_class(
            ids=object_ids,
            total=len(matched),
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            distances=result_distances,
            backend=self.name,
        )

    @staticmethod
    def _page_by_tier(memory, matched: BitMap, tiers, offset: int, limit: int) -> list[int]:
        """Relevance order: tier (name 10 + prefix 5) descending, then name order."""
        name, prefix = tiers[CANDIDATES_NAME] & matched, tiers[CANDIDATES_PREFIX] & matched
        groups = sorted(
            [
                (NAME_TIER + PREFIX_TIER, name & prefix),
                (NAME_TIER, name - prefix),
                (PREFIX_TIER, prefix - name),
                (0, matched - name - prefix),
            ],
            key=lambda group: -group[0],
        )
        page: list[int] = []
        for _, group in groups:
            if len(page) >= limit:
                break
            if offset >= len(group):
                offset -= len(group)
                continue
            page += memory.page_by_name(group, offset, limit - len(page))
            offset = 0
        return page

    def search_sql(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX):
        """The same search answered by one SQL statement with grouped facet queries."""
        compiler, text_query = self.compile(query, index_name)
        sql, params = compiler.compile()
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = []
        total = 0
        facets: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        facets[MEMBERS_FACET] = {}
        for kind, value, num, _score, distance, pos in rows:
            if kind == KIND_HIT:
                hits.append((pos, num, distance))
            elif kind == KIND_TOTAL:
                total = num
            elif num:
                facets[kind][value] = num
        hits.sort()
        for name, counts in facets.items():
            facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        distances = {}
        if query.point is not None and query.sort == "distance":
            distances = {object_id: round(dist, 3) for _, object_id, dist in hits}
        suggestions = []
        if total == 0 and text_query:
            suggestions = self.suggest(text_query.words, index_name)
        return self.results_class(
            ids=[object_id for _, object_id, _ in hits],
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            distances=distances,
            suggestions=suggestions,
            backend=self.name,
        )

    def suggest(self, words: list[str], index_name: str = DEFAULT_INDEX) -> list[str]:
        """Texts to try instead: each unknown word replaced by the closest indexed words."""
        heads = sorted({w[:2] for w in words if len(w) >= 3})
        if not heads:
            return []
        placeholders = ", ".join(["%s"] * len(heads))
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT term, doc_count FROM kksearch_searchterm "  # noqa: S608
                f"WHERE index_name = %s AND head IN ({placeholders})",
                [index_name, *heads],
            )
            vocabulary_counts = dict(cursor.fetchall())
        options: list[list[str]] = []
        changed = False
        for word in words:
            if word in vocabulary_counts or len(word) < 3:
                options.append([word])
                continue
            close = difflib.get_close_matches(word, list(vocabulary_counts), n=5, cutoff=0.75)
            close.sort(
                key=lambda t: (
                    -difflib.SequenceMatcher(None, word, t).ratio(),
                    -vocabulary_counts[t],
                    t,
                )
            )
            if close:
                changed = True
                options.append(close[:MAX_SUGGESTIONS])
            else:
                options.append([word])
        if not changed:
            return []
        suggestions = []
        for i in range(MAX_SUGGESTIONS):
            candidate = " ".join(opts[min(i, len(opts) - 1)] for opts in options)
            if candidate not in suggestions:
                suggestions.append(candidate)
        return suggestions

    def autocomplete(self, text: str, limit: int = 8, index_name: str = DEFAULT_INDEX):
        """Names that match what the visitor is typing: every word in the name (stemmed, with
        synonyms), the last one also as the start of a name word; in the search's relevance
        order (a name word starting with the last typed word first, then by name), so the
        proposals are the names a search for the same text would list first.

        With the bitmaps (the default) the match comes from the search's own name tier and
        costs one more query for the display names; without them, one SQL statement."""
        words = textmod.words(text)
        if not words or len(words[-1]) < textmod.MIN_PREFIX_LENGTH:
            return []
        limit = max(1, min(limit, 50))
        if not self.facet_memory:
            compiler, text_query = self.compile(DirectoryQuery(text=text), index_name)
            sql, params = compiler.autocomplete_sql(limit)
            with self._cursor() as cursor:
                cursor.execute(sql, params)
                return [(object_id, name) for object_id, name in cursor.fetchall()]
        with self._in_memory(DirectoryQuery(text=text), index_name) as (memory, _t, tiers, _d):
            ordered = self._page_by_tier(memory, tiers[CANDIDATES_NAME], tiers, 0, limit)
            object_ids = [memory.object_of[doc] for doc in ordered]
        if not object_ids:
            return []
        with self._cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(object_ids))
            cursor.execute(
                "SELECT object_id, name FROM kksearch_searchdocument "  # noqa: S608
                f"WHERE index_name = %s AND object_id IN ({placeholders})",
                [index_name, *object_ids],
            )
            names = dict(cursor.fetchall())
        return [(object_id, names[object_id]) for object_id in object_ids if object_id in names]

    def count(self, index_name: str = DEFAULT_INDEX) -> int:
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM kksearch_searchdocument WHERE index_name = %s", [index_name]
            )
            return cursor.fetchone()[0]

    # Writing -------------------------------------------------------------------------------
    def after_rebuild(self, index):
        """PostgreSQL: a rebuild leaves every old row dead; VACUUM now, not whenever autovacuum
        gets to it, so that broad searches read a table of live rows (it cannot run inside a
        transaction, so not when the caller holds one open, as tests do)."""
        connection = self.connection
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM (ANALYZE) kksearch_searchdocument, kksearch_searchfacet, "
                "kksearch_searchpoint"
            )

    def add_new_documents(self, index, id_chunks) -> int:
        """Index objects that were never indexed (ids just allocated by a bulk generator or
        importer), in one transaction: no per-batch delete of documents that cannot exist,
        vocabulary counted once, and one change-log batch so other processes catch up.

        When the index holds no documents yet (a fresh installation filled by the demo
        generator or a first import), adding them is a rebuild of these documents, and takes
        the rebuild's bulk load: tables filled without indexes and the indexes built once
        (PostgreSQL's table swap, SQLite's recreated FTS5 table), instead of updating every
        index row by row. Checked under the index's write lock, so a document another
        process indexed meanwhile is never dropped."""
        count = 0
        terms: Counter = Counter()
        ids: list[int] = []
        writer = self.get_writer(index.name)
        batches = batches_for(  # before the atomic: built in a thread where it can be
            lambda: (index.build_documents(list(chunk)) for chunk in id_chunks), self.alias
        )
        try:
            with transaction.atomic(using=self.alias):
                writer.lock()
                first_documents = not self._has_documents(index.name)
                if first_documents:
                    writer.begin_rebuild()
                else:
                    writer.begin_bulk()
                for documents in batches:
                    terms.update(writer.insert(documents))
                    ids += [doc.object_id for doc in documents]
                    count += len(documents)
                if first_documents:
                    writer.replace_terms(terms)
                    writer.finish_rebuild()  # resets the change log: other processes reload
                else:
                    writer.finish_bulk()
                    writer.add_terms(terms)
                    writer.log_changes(ids)
        finally:
            batches.close()  # stops the reader thread when the writing failed
            writer.release()
        return count

    def _has_documents(self, index_name: str) -> bool:
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM kksearch_searchdocument WHERE index_name = %s LIMIT 1",
                [index_name],
            )
            return cursor.fetchone() is not None

    def index_documents(self, index_name, documents, delete_ids=()):
        documents = list(documents)
        with transaction.atomic(using=self.alias):
            writer = self.get_writer(index_name)
            writer.lock()
            changed = [doc.object_id for doc in documents] + list(delete_ids)
            writer.delete(changed)
            writer.add_terms(writer.insert(documents))
            writer.log_changes(changed)


SearchBackend = DatabaseSearchBackend
