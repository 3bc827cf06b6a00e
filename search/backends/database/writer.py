"""Writes IndexDocuments into the search store, per database vendor.

Both writers take a batch and use a fixed number of statements for it (bulk statements, no
per-document round trips), so a rebuild streams at thousands of documents per second:
SQLite with `executemany` (a C loop in sqlite3), PostgreSQL with COPY.
"""

from __future__ import annotations

import uuid
import zlib
from collections import Counter
from collections.abc import Iterable

from django.utils import timezone

from ... import text
from ...documents import IndexDocument

# Pseudo facets of SearchFacetCount: all documents, and members.
TOTAL_FACET = "__total"
MEMBER_FACET = "__member"

DOC_COLUMNS = "index_name, object_id, name, name_sort, is_member, indexed_at"


def vocabulary(documents: Iterable[IndexDocument]) -> Counter:
    """Words of names, labels and body per document, for "did you mean" suggestions."""
    counts: Counter = Counter()
    for doc in documents:
        counts.update(_vocabulary_words(text.words(doc.name), text.words(_body(doc))))
    return counts


def _vocabulary_words(name_words: list[str], body_words: list[str]) -> set[str]:
    found = set(name_words)
    found.update(body_words)  # dedupe first (in C), then filter the few distinct words
    return {w for w in found if len(w) >= 3 and not w.isdigit()}


def _body(doc: IndexDocument) -> str:
    return "\n".join([doc.body or "", *doc.keywords])


class BaseDocumentWriter:
    vendor = ""
    insert_terms_sql = ""

    def __init__(self, connection, index_name: str):
        self.connection = connection
        self.index_name = index_name

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
        """Add what new documents count (an upsert per distinct value, sorted: no deadlocks)."""
        counts: Counter = Counter()
        for doc in documents:
            counts.update(doc.facet_pairs())
            counts[(TOTAL_FACET, "")] += 1
            if doc.is_member:
                counts[(MEMBER_FACET, "true")] += 1
        rows = [(self.index_name, f, v, n) for (f, v), n in sorted(counts.items())]
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
        rows = [(self.index_name, t[:100], t[:2], n) for t, n in counts.items()]
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

    def finish_rebuild(self) -> None:
        """Reset the change log (other processes reload) and give the query planner fresh
        statistics after a bulk load."""
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

    def extra_delete_statements(self, subquery):
        return [f"DELETE FROM kksearch_fts WHERE rowid IN ({subquery})"]  # noqa: S608

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
                facet_rows += [(doc_id, self.index_name, f, v) for f, v in doc.facet_pairs()]
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
        self.increment_counts(documents)
        return terms

    def begin_rebuild(self):
        """Empty the index fast: deleting 100,000 FTS5 rows one by one takes longer than
        building them. When no other index shares the store, the tables' indexes are dropped,
        the tables emptied and the FTS5 table recreated, inside the rebuild's transaction, so a
        failure still rolls back to the old index (SQLite DDL is transactional). FTS5's
        incremental merging is paused for the bulk load (one 'optimize' at the end merges)."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM kksearch_searchdocument WHERE index_name <> %s LIMIT 1",
                [self.index_name],
            )
            shared = cursor.fetchone() is not None
            if shared:
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
    vendor = "postgresql"
    insert_terms_sql = (
        "INSERT INTO kksearch_searchterm (index_name, term, head, doc_count) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (index_name, term) DO NOTHING"
    )

    def lock(self):
        key = zlib.crc32(f"kksearch:{self.index_name}".encode())
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

    def insert(self, documents):
        """COPY the rows into a temporary table, then one INSERT ... SELECT computes the
        tsvectors (PostgreSQL stems with its `dutch` configuration) into the document table."""
        if not documents:
            return Counter()
        now = timezone.now()
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('kksearch_searchdocument', 'id')) "
                "FROM generate_series(1, %s)",
                [len(documents)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS kksearch_load (id bigint, "
                "index_name varchar(50), object_id bigint, name varchar(255), "
                "name_sort varchar(255), is_member boolean, indexed_at timestamptz, "
                "name_text text, body_text text) ON COMMIT DROP"
            )
            cursor.execute("TRUNCATE kksearch_load")
            raw = cursor.cursor
            with raw.copy(
                f"COPY kksearch_load (id, {DOC_COLUMNS}, name_text, body_text) FROM STDIN"
            ) as copy:
                for doc_id, doc in zip(ids, documents, strict=True):
                    copy.write_row(
                        (
                            doc_id,
                            *self.doc_row(doc, now),
                            text.fold(doc.name),
                            text.fold(_body(doc)),
                        )
                    )
            cursor.execute(
                f"INSERT INTO kksearch_searchdocument (id, {DOC_COLUMNS}, "  # noqa: S608
                f"search_vector, name_vector) SELECT id, {DOC_COLUMNS}, "
                "setweight(to_tsvector('dutch'::regconfig, name_text), 'A') || "
                "setweight(to_tsvector('dutch'::regconfig, body_text), 'D'), "
                "to_tsvector('dutch'::regconfig, name_text) FROM kksearch_load"
            )
            with raw.copy(
                "COPY kksearch_searchfacet (document_id, index_name, facet, value) FROM STDIN"
            ) as copy:
                for doc_id, doc in zip(ids, documents, strict=True):
                    for facet, value in doc.facet_pairs():
                        copy.write_row((doc_id, self.index_name, facet, value))
            with raw.copy(
                "COPY kksearch_searchpoint (document_id, index_name, latitude, longitude) "
                "FROM STDIN"
            ) as copy:
                for doc_id, doc in zip(ids, documents, strict=True):
                    for lat, lon in doc.points:
                        copy.write_row((doc_id, self.index_name, lat, lon))
        self.increment_counts(documents)
        return vocabulary(documents)
