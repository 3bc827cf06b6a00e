"""Writes IndexDocuments into the search store, per database vendor.

Both writers take a batch and use a fixed number of statements for it (bulk statements, no
per-document round trips), so a rebuild streams at thousands of documents per second:
SQLite with `executemany` (a C loop in sqlite3), PostgreSQL with COPY.
"""

from __future__ import annotations

import uuid
import zlib
from collections import Counter
from functools import lru_cache

from django.utils import timezone

from ... import text
from ...documents import IndexDocument
from .swap import TableSwap

# Pseudo facets of SearchFacetCount: all documents, and members.
TOTAL_FACET = "__total"
MEMBER_FACET = "__member"

DOC_COLUMNS = "index_name, object_id, name, name_sort, is_member, indexed_at"

# PostgreSQL: the tables a full rebuild fills as copies and swaps in, and the memory each index
# build of the copies may sort in (the server default, 64 MB, spills a GIN build to disk).
SWAPPED_TABLES = ("kksearch_searchdocument", "kksearch_searchfacet", "kksearch_searchpoint")
INDEX_BUILD_MEMORY = "256MB"
# A bulk write computes the tsvectors of its staged documents every this many documents (one
# INSERT ... SELECT each): the server works on them while the next documents are built
# (search/prefetch.py), instead of all at the end.
STAGE_FLUSH_ROWS = 10_000


def _vocabulary_words(name_words: list[str], body_words: list[str]) -> set[str]:
    """A document's distinct words; `add_terms` keeps those of 3 letters or more that are not
    numbers (filtering the distinct words of a whole batch, not each document's)."""
    found = set(name_words)
    found.update(body_words)
    return found


def _body(doc: IndexDocument) -> str:
    return "\n".join([doc.body or "", *doc.keywords])


# COPY's text format: backslash, tab, newline and carriage return are escaped in a field.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@lru_cache(maxsize=65_536)
def _copy_field(value: str) -> str:
    """A string as a field of a COPY text row (facet values repeat: cached)."""
    return value.translate(_COPY_ESCAPES)


class BaseDocumentWriter:
    vendor = ""
    insert_terms_sql = ""

    def __init__(self, connection, index_name: str):
        self.connection = connection
        self.index_name = index_name
        # Facet counts of a bulk write, written once at its end (`finish_bulk`) instead of
        # one upsert per batch; None: written with each batch.
        self._pending_counts: Counter | None = None

    def lock(self) -> None:
        """Serialise writers of this index until the transaction ends, so change-log ids are
        committed in order (memory.py relies on it). SQLite has one writer at a time anyway."""

    def log_changes(self, object_ids) -> None:
        """Tell other processes' facet bitmaps which objects to re-read (one token per batch)."""
        ids = sorted({int(pk) for pk in object_ids})
        if not ids:
            return
        token = uuid.uuid4().hex
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO kksearch_searchchange (index_name, object_id, token) "
                "VALUES (%s, %s, %s)",
                [(self.index_name, pk, token) for pk in ids],
            )

    def reset_changes(self) -> None:
        """After a rebuild: the old log means nothing; one row without object says "reload"."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM kksearch_searchchange WHERE index_name = %s", [self.index_name]
            )
            cursor.execute(
                "INSERT INTO kksearch_searchchange (index_name, object_id, token) "
                "VALUES (%s, NULL, %s)",
                [self.index_name, uuid.uuid4().hex],
            )

    def _docs_subquery(self, object_ids) -> tuple[str, list]:
        sql = "SELECT id FROM kksearch_searchdocument WHERE index_name = %s"
        params: list = [self.index_name]
        if object_ids is not None:
            sql += " AND object_id IN (" + ", ".join(["%s"] * len(object_ids)) + ")"
            params += list(object_ids)
        return sql, params

    def extra_delete_statements(self, subquery: str) -> list[str]:
        return []

    def delete(self, object_ids: list[int] | None) -> None:
        """Remove documents of these objects (all of the index when None)."""
        if object_ids is not None and not object_ids:
            return
        subquery, params = self._docs_subquery(object_ids)
        statements = [
            *self.extra_delete_statements(subquery),
            f"DELETE FROM kksearch_searchfacet WHERE document_id IN ({subquery})",  # noqa: S608
            f"DELETE FROM kksearch_searchpoint WHERE document_id IN ({subquery})",  # noqa: S608
        ]
        with self.connection.cursor() as cursor:
            self._decrement_counts(cursor, object_ids, subquery, params)
            for statement in statements:
                cursor.execute(statement, params)
            delete_docs = "DELETE FROM kksearch_searchdocument WHERE index_name = %s"
            if object_ids is not None:
                delete_docs += " AND object_id IN (" + ", ".join(["%s"] * len(object_ids)) + ")"
            cursor.execute(delete_docs, params)

    def _decrement_counts(self, cursor, object_ids, subquery, params) -> None:
        """Keep SearchFacetCount exact: take away what the removed documents counted."""
        if object_ids is None:
            cursor.execute(
                "DELETE FROM kksearch_searchfacetcount WHERE index_name = %s", [self.index_name]
            )
            return
        cursor.execute(
            "UPDATE kksearch_searchfacetcount SET count = kksearch_searchfacetcount.count - sub.n "  # noqa: S608
            "FROM (SELECT facet, value, COUNT(*) AS n FROM kksearch_searchfacet "
            f"WHERE document_id IN ({subquery}) GROUP BY facet, value) AS sub "  # noqa: S608
            "WHERE kksearch_searchfacetcount.index_name = %s "
            "AND kksearch_searchfacetcount.facet = sub.facet "
            "AND kksearch_searchfacetcount.value = sub.value",
            [*params, self.index_name],
        )
        in_list = ", ".join(["%s"] * len(object_ids))
        for facet, condition in ((TOTAL_FACET, ""), (MEMBER_FACET, " AND is_member = %s")):
            cursor.execute(
                "UPDATE kksearch_searchfacetcount SET count = count - (SELECT COUNT(*) "  # noqa: S608
                "FROM kksearch_searchdocument WHERE index_name = %s "
                f"AND object_id IN ({in_list}){condition}) "  # noqa: S608
                "WHERE index_name = %s AND facet = %s",
                [
                    self.index_name,
                    *object_ids,
                    *([True] if condition else []),
                    self.index_name,
                    facet,
                ],
            )

    def increment_counts(self, documents: list[IndexDocument]) -> None:
        """Add what new documents count."""
        counts: Counter = Counter()
        for doc in documents:
            counts.update(doc.facet_pairs())
        self._add_counts(counts, documents)

    def _add_counts(self, counts: Counter, documents: list[IndexDocument]) -> None:
        """`counts`: the documents' (facet, value) pairs; the pseudo facets are added here."""
        counts[(TOTAL_FACET, "")] += len(documents)
        members = sum(1 for doc in documents if doc.is_member)
        if members:
            counts[(MEMBER_FACET, "true")] += members
        if self._pending_counts is not None:
            self._pending_counts.update(counts)
        else:
            self._upsert_counts(counts)

    def begin_bulk(self) -> None:
        """Many batches follow in this transaction (a rebuild, a bulk import): work that can
        wait for the last one (facet counts; on PostgreSQL the text vectors) waits for
        `finish_bulk`, so it is done once instead of once per batch."""
        if self._pending_counts is None:
            self._pending_counts = Counter()

    def finish_bulk(self) -> None:
        if self._pending_counts is not None:
            counts, self._pending_counts = self._pending_counts, None
            self._upsert_counts(counts)

    def release(self) -> None:
        """After the bulk write's transaction ended (committed or not): undo connection
        settings `begin_bulk` changed (nothing by default)."""

    def _upsert_counts(self, counts: Counter) -> None:
        """An upsert per distinct value, sorted: no deadlocks between writers."""
        rows = [(self.index_name, f, v, n) for (f, v), n in sorted(counts.items()) if n]
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO kksearch_searchfacetcount (index_name, facet, value, count) "
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (index_name, facet, value) "
                    "DO UPDATE SET count = kksearch_searchfacetcount.count + excluded.count",
                    rows,
                )

    def doc_row(self, doc: IndexDocument, now) -> tuple:
        return (
            self.index_name,
            doc.object_id,
            (doc.name or "")[:255],
            text.sort_key(doc.name),
            bool(doc.is_member),
            now,
        )

    def insert(self, documents: list[IndexDocument]) -> Counter:
        """Write the documents (their old rows must be gone); return their vocabulary, counted
        from the same word lists the text was indexed from."""
        raise NotImplementedError

    def add_terms(self, counts: Counter) -> None:
        """Add words to the vocabulary (existing words keep their count until a rebuild)."""
        rows = [
            (self.index_name, t[:100], t[:2], n)
            for t, n in counts.items()
            if len(t) >= 3 and not t.isdigit()
        ]
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.insert_terms_sql, rows)

    def replace_terms(self, counts: Counter) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM kksearch_searchterm WHERE index_name = %s", [self.index_name]
            )
        self.add_terms(counts)

    def begin_rebuild(self) -> None:
        """Inside the rebuild's transaction: lock out other writers, empty the index."""
        self.lock()
        self.delete(None)
        self.begin_bulk()

    def finish_rebuild(self) -> None:
        """Finish the bulk write, reset the change log (other processes reload) and give the
        query planner fresh statistics after a bulk load."""
        self.finish_bulk()
        self.reset_changes()
        with self.connection.cursor() as cursor:
            for table in (
                "kksearch_searchdocument",
                "kksearch_searchfacet",
                "kksearch_searchpoint",
                "kksearch_searchterm",
                "kksearch_searchfacetcount",
                "kksearch_searchchange",
            ):
                cursor.execute(f"ANALYZE {table}")


class SQLiteDocumentWriter(BaseDocumentWriter):
    vendor = "sqlite"
    insert_terms_sql = (
        "INSERT OR IGNORE INTO kksearch_searchterm (index_name, term, head, doc_count) "
        "VALUES (%s, %s, %s, %s)"
    )

    #: Page cache of a bulk write, in KiB. SQLite's default (2 MB) makes a rebuild spill dirty
    #: pages to the WAL and read them back, and sort its index builds in temporary files.
    bulk_cache_kib = 256 * 1024

    def __init__(self, connection, index_name):
        super().__init__(connection, index_name)
        self._cache_size = None

    def extra_delete_statements(self, subquery):
        return [f"DELETE FROM kksearch_fts WHERE rowid IN ({subquery})"]  # noqa: S608

    def begin_bulk(self):
        super().begin_bulk()
        if self._cache_size is None:
            with self.connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                self._cache_size = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{int(self.bulk_cache_kib)}")

    def release(self):
        """Back to the connection's own page cache size (the pages of the bulk write are
        written by then: the transaction has ended)."""
        if self._cache_size is not None:
            with self.connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self._cache_size)}")
            self._cache_size = None

    def insert(self, documents):
        terms: Counter = Counter()
        if not documents:
            return terms
        now = self.connection.ops.adapt_datetimefield_value(timezone.now())
        with self.connection.cursor() as cursor:
            # Ids assigned here (writers are serialised): no read-back of what was inserted.
            # Past the AUTOINCREMENT counter too, so an id is never used twice, even after the
            # table was emptied (FTS5 rows of old ids may outlive a flush of the ORM tables).
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM kksearch_searchdocument")
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'kksearch_searchdocument'")
            counter = cursor.fetchone()
            first_id = max(highest, counter[0] if counter else 0) + 1
            doc_rows, fts_rows, facet_rows, point_rows = [], [], [], []
            counts: Counter = Counter()
            stem_words, words = text.stem_words, text.words
            for doc_id, doc in enumerate(documents, start=first_id):
                doc_rows.append((doc_id, *self.doc_row(doc, now)))
                name_words, body_words = words(doc.name), words(_body(doc))
                fts_rows.append(
                    (
                        doc_id,
                        " ".join(stem_words(name_words)),
                        " ".join(stem_words(body_words)),
                        " ".join(name_words),
                    )
                )
                terms.update(_vocabulary_words(name_words, body_words))
                pairs = doc.facet_pairs()
                counts.update(pairs)
                facet_rows += [(doc_id, self.index_name, f, v) for f, v in pairs]
                point_rows += [(doc_id, self.index_name, lat, lon) for lat, lon in doc.points]
            cursor.executemany(
                f"INSERT INTO kksearch_searchdocument (id, {DOC_COLUMNS}) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                doc_rows,
            )
            cursor.executemany(
                "INSERT OR REPLACE INTO kksearch_fts (rowid, name, body, prefix) "
                "VALUES (%s, %s, %s, %s)",
                fts_rows,
            )
            cursor.executemany(
                "INSERT INTO kksearch_searchfacet (document_id, index_name, facet, value) "
                "VALUES (%s, %s, %s, %s)",
                facet_rows,
            )
            cursor.executemany(
                "INSERT INTO kksearch_searchpoint (document_id, index_name, latitude, longitude) "
                "VALUES (%s, %s, %s, %s)",
                point_rows,
            )
        self._add_counts(counts, documents)
        return terms

    def begin_rebuild(self):
        """Empty the index fast: deleting 100,000 FTS5 rows one by one takes longer than
        building them. When no other index shares the store, the tables' indexes are dropped,
        the tables emptied and the FTS5 table recreated, inside the rebuild's transaction, so a
        failure still rolls back to the old index (SQLite DDL is transactional). FTS5's
        incremental merging is paused for the bulk load (one 'optimize' at the end merges).

        Not when the rebuild runs inside a caller's transaction (a test, a command called in
        an atomic block): its failure would be a ROLLBACK TO SAVEPOINT, and after one that
        undoes the creation of an FTS5 table SQLite leaves a statement active and the
        connection unusable ("Error creating function", "SQL logic error"); a full ROLLBACK
        is fine. Such a rebuild deletes this index's rows instead."""
        self.begin_bulk()  # the page cache first: emptying the tables writes pages too
        nested = any(sid is not None for sid in self.connection.savepoint_ids)
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM kksearch_searchdocument WHERE index_name <> %s LIMIT 1",
                [self.index_name],
            )
            shared = cursor.fetchone() is not None
            if shared or nested:
                self.delete(None)
            else:
                # The tables' own DDL, as the migrations made it: dropped now, recreated by
                # finish_rebuild (a bulk load into bare tables, then one sort per index).
                cursor.execute(
                    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
                    "(type = 'index' AND tbl_name IN ("
                    "'kksearch_searchfacet', 'kksearch_searchpoint', 'kksearch_searchdocument'))"
                    " OR name = 'kksearch_fts')"
                )
                ddl = cursor.fetchall()
                self._recreate_indexes = [sql for kind, _, sql in ddl if kind == "index"]
                for kind, name, _ in ddl:
                    if kind == "index":
                        cursor.execute(f'DROP INDEX "{name}"')
                for table in ("kksearch_searchfacet", "kksearch_searchpoint"):
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608
                cursor.execute(
                    "DELETE FROM kksearch_searchfacetcount WHERE index_name = %s",
                    [self.index_name],
                )
                cursor.execute("DELETE FROM kksearch_searchdocument")
                cursor.execute("DROP TABLE kksearch_fts")
                cursor.execute(next(sql for _, name, sql in ddl if name == "kksearch_fts"))
            cursor.execute("INSERT INTO kksearch_fts (kksearch_fts, rank) VALUES ('automerge', 0)")
            cursor.execute(
                "INSERT INTO kksearch_fts (kksearch_fts, rank) VALUES ('crisismerge', 64)"
            )

    def finish_rebuild(self):
        with self.connection.cursor() as cursor:
            for sql in getattr(self, "_recreate_indexes", ()):
                cursor.execute(sql)
            cursor.execute("INSERT INTO kksearch_fts (kksearch_fts) VALUES ('optimize')")
            # Back to FTS5's defaults for the small writes that follow publishing.
            cursor.execute("INSERT INTO kksearch_fts (kksearch_fts, rank) VALUES ('automerge', 4)")
            cursor.execute(
                "INSERT INTO kksearch_fts (kksearch_fts, rank) VALUES ('crisismerge', 16)"
            )
        super().finish_rebuild()


class PostgresDocumentWriter(BaseDocumentWriter):
    """COPY-based writes; a full rebuild fills new tables and swaps them in (swap.py) when no
    other index shares the store, else deletes this index's rows and inserts the new ones."""

    vendor = "postgresql"
    insert_terms_sql = (
        "INSERT INTO kksearch_searchterm (index_name, term, head, doc_count) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (index_name, term) DO NOTHING"
    )
    #: The tables a rebuild replaces (the small ones are rewritten in place).
    swapped_tables = SWAPPED_TABLES

    def __init__(self, connection, index_name):
        super().__init__(connection, index_name)
        self._swap: TableSwap | None = None
        self._next_id = 0
        # In a bulk write, documents wait in the temporary table for an INSERT ... SELECT.
        self._staging = False
        self._staged_rows = 0

    def lock(self):
        key = zlib.crc32(f"kksearch:{self.index_name}".encode())
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

    def _table(self, table: str) -> str:
        """Where rows go: the new copy during a swapping rebuild, else the live table."""
        return self._swap.copy_of(table) if self._swap else table

    def _allocate_ids(self, cursor, n: int) -> list[int]:
        if self._swap:  # the copy is invisible to others: ids are counted here
            first, self._next_id = self._next_id, self._next_id + n
            return list(range(first, first + n))
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('kksearch_searchdocument', 'id')) "
            "FROM generate_series(1, %s)",
            [n],
        )
        return [row[0] for row in cursor.fetchall()]

    def insert(self, documents):
        """COPY the rows into a temporary table, then one INSERT ... SELECT computes the
        tsvectors (PostgreSQL stems with its `dutch` configuration) into the document table;
        facet and point rows are COPY'd straight into theirs. One pass over the documents
        folds each text once and collects the rows, the facet counts and the vocabulary."""
        if not documents:
            return Counter()
        now = timezone.now()
        index_name = self.index_name
        fold, split, stopwords = text.fold, text.split_folded, text.STOPWORDS
        with self.connection.cursor() as cursor:
            ids = self._allocate_ids(cursor, len(documents))
            doc_rows, facet_lines, point_lines = [], [], []
            counts: Counter = Counter()
            terms: Counter = Counter()
            index_field = _copy_field(index_name)
            for doc_id, doc in zip(ids, documents, strict=True):
                name = doc.name or ""
                folded_name, folded_body = fold(name), fold(_body(doc))
                name_tokens = split(folded_name)
                doc_rows.append(
                    (
                        doc_id,
                        index_name,
                        doc.object_id,
                        name[:255],
                        " ".join(name_tokens)[:255],  # text.sort_key
                        bool(doc.is_member),
                        now,
                        folded_name,
                        folded_body,
                        # The name's words for prefixes, unstemmed (as SQLite's `prefix`).
                        " ".join(t for t in name_tokens if t not in stopwords),
                    )
                )
                found = set(name_tokens)
                found.update(split(folded_body))
                found -= stopwords
                terms.update(found)  # add_terms keeps the words it stores
                pairs = doc.facet_pairs()
                counts.update(pairs)
                prefix = f"{doc_id}\t{index_field}\t"
                facet_lines += [f"{prefix}{_copy_field(f)}\t{_copy_field(v)}\n" for f, v in pairs]
                point_lines += [f"{prefix}{lat!r}\t{lon!r}\n" for lat, lon in doc.points]
            self._stage(cursor, doc_rows)
            self._staged_rows += len(doc_rows)
            if not self._staging or self._staged_rows >= STAGE_FLUSH_ROWS:
                self._insert_staged(cursor)
            raw = cursor.cursor
            with raw.copy(
                f"COPY {self._table('kksearch_searchfacet')} "
                "(document_id, index_name, facet, value) FROM STDIN"
            ) as copy:
                copy.write("".join(facet_lines))
            with raw.copy(
                f"COPY {self._table('kksearch_searchpoint')} "
                "(document_id, index_name, latitude, longitude) FROM STDIN"
            ) as copy:
                copy.write("".join(point_lines))
        self._add_counts(counts, documents)
        return terms

    @staticmethod
    def _stage(cursor, rows) -> None:
        """COPY document rows with their folded texts into the temporary table."""
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS kksearch_load (id bigint, "
            "index_name varchar(50), object_id bigint, name varchar(255), "
            "name_sort varchar(255), is_member boolean, indexed_at timestamptz, "
            "name_text text, body_text text, prefix_text text) ON COMMIT DROP"
        )
        with cursor.cursor.copy(
            f"COPY kksearch_load (id, {DOC_COLUMNS}, name_text, body_text, prefix_text) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)

    def _insert_staged(self, cursor) -> None:
        """One INSERT ... SELECT computes the tsvectors of the staged rows (the `dutch`
        configuration stems; the name is parsed once for both vectors), then the temporary
        table goes (dropping it is cheaper than emptying it)."""
        cursor.execute(
            f"INSERT INTO {self._table('kksearch_searchdocument')} (id, {DOC_COLUMNS}, "  # noqa: S608
            f"search_vector, name_vector, prefix_vector) SELECT id, {DOC_COLUMNS}, "
            "setweight(name_vector, 'A') || "
            "setweight(to_tsvector('dutch'::regconfig, body_text), 'D'), name_vector, "
            "to_tsvector('simple'::regconfig, prefix_text) "
            f"FROM (SELECT id, {DOC_COLUMNS}, body_text, prefix_text, "
            "to_tsvector('dutch'::regconfig, name_text) AS name_vector "
            "FROM kksearch_load OFFSET 0) AS staged"  # OFFSET 0: name_vector computed once
        )
        cursor.execute("DROP TABLE kksearch_load")
        self._staged_rows = 0

    def begin_bulk(self):
        super().begin_bulk()
        self._staging = True

    def finish_bulk(self):
        if self._staging:
            self._staging = False
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT to_regclass('pg_temp.kksearch_load') IS NOT NULL")
                if cursor.fetchone()[0]:
                    self._insert_staged(cursor)
        super().finish_bulk()

    def begin_rebuild(self):
        """When no other index shares the store: lock the live tables against other writers
        (searches keep reading them) and create empty copies to fill (swap.py). Otherwise:
        delete this index's rows; readers keep seeing them until the commit (MVCC)."""
        self.lock()
        self.begin_bulk()
        with self.connection.cursor() as cursor:
            swap = TableSwap(self.swapped_tables)
            if not self._shared(cursor) and swap.possible(cursor):
                swap.lock_for_writes(cursor)
                if not self._shared(cursor):  # an index that arrived before the lock
                    swap.create(cursor)
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence('kksearch_searchdocument', 'id'))"
                    )
                    self._next_id = cursor.fetchone()[0]
                    self._swap = swap
                    cursor.execute(
                        "DELETE FROM kksearch_searchfacetcount WHERE index_name = %s",
                        [self.index_name],
                    )
                    return
        self.delete(None)

    def _shared(self, cursor) -> bool:
        cursor.execute(
            "SELECT 1 FROM kksearch_searchdocument WHERE index_name <> %s LIMIT 1",
            [self.index_name],
        )
        return cursor.fetchone() is not None

    def finish_rebuild(self):
        """Swapping rebuild: build the copies' indexes (one sorted build each, with more
        memory than the server's default), carry the id sequence on, swap them in."""
        self.finish_bulk()  # the staged documents go into the copy, before its indexes exist
        if self._swap:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('maintenance_work_mem', %s, true)", [INDEX_BUILD_MEMORY]
                )
                self._swap.build_indexes(cursor)
                self._swap.continue_sequences(cursor)
                self._swap.swap(cursor)
            self._swap = None
        super().finish_rebuild()
