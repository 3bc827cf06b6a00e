"""Full rebuilds and bulk writes of the database backend's store (search/backends/database):
the old index keeps serving during a rebuild and after a failed one, no facet or point row
outlives its document (the writer owns that integrity, there is no foreign key), the exact
facet counts stay exact, bulk adds of new documents, and on PostgreSQL the table swap: the
swapped-in tables are indistinguishable from the migrated ones, later migrations still work,
and searches from other connections are not blocked until the swap."""

import importlib
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import load_backend
from search.backends.database import swap as swap_module
from search.documents import IndexDocument
from search.models import (
    SearchChange,
    SearchDocument,
    SearchFacet,
    SearchFacetCount,
    SearchPoint,
    SearchTerm,
)
from search.query import DirectoryQuery
from search.registry import SearchIndex

from .fixtures import DOCUMENTS

POSTGRES_FORWARD_0006 = importlib.import_module(
    "search.migrations.0006_prefix_vector"
).POSTGRES_FORWARD

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's table swap"
)
SWAPPED = ("kksearch_searchdocument", "kksearch_searchfacet", "kksearch_searchpoint")


class ListIndex(SearchIndex):
    """An index over fixed documents, in batches; `fail_after` batches raise."""

    name = "directory"

    def __init__(self, documents, batch=2, fail_after=None, during=None):
        self.documents = {doc.object_id: doc for doc in documents}
        self.batch = batch
        self.fail_after = fail_after
        self.during = during

    def build_documents(self, ids):
        return [self.documents[pk] for pk in ids if pk in self.documents]

    def iter_documents(self, chunk_size=None):
        docs = list(self.documents.values())
        for number, start in enumerate(range(0, len(docs), self.batch)):
            if self.fail_after is not None and number >= self.fail_after:
                raise RuntimeError("the source broke halfway")
            yield docs[start : start + self.batch]
            if self.during:
                self.during()


def renamed(documents, prefix):
    return [
        IndexDocument(
            object_id=doc.object_id,
            name=f"{prefix} {doc.name}",
            body=doc.body,
            keywords=doc.keywords,
            facets=doc.facets,
            points=doc.points,
            is_member=doc.is_member,
        )
        for doc in documents
    ]


def store_state(index_name="directory"):
    """Everything of an index in the store, comparable across rebuilds (ids aside)."""
    docs = {d.pk: d.object_id for d in SearchDocument.objects.filter(index_name=index_name)}
    facets = sorted(
        (docs[f.document_id], f.facet, f.value)
        for f in SearchFacet.objects.filter(index_name=index_name)
    )
    points = sorted(
        (docs[p.document_id], p.latitude, p.longitude)
        for p in SearchPoint.objects.filter(index_name=index_name)
    )
    counts = sorted(
        SearchFacetCount.objects.filter(index_name=index_name, count__gt=0).values_list(
            "facet", "value", "count"
        )
    )
    return sorted(docs.values()), facets, points, counts


def assert_no_orphans():
    """No facet or point row without its document."""
    doc_ids = set(SearchDocument.objects.values_list("pk", flat=True))
    assert set(SearchFacet.objects.values_list("document_id", flat=True)) <= doc_ids
    assert set(SearchPoint.objects.values_list("document_id", flat=True)) <= doc_ids


def assert_store_consistent():
    """No orphans, and the exact facet counts equal the facet rows."""
    assert_no_orphans()
    for index_name in set(SearchDocument.objects.values_list("index_name", flat=True)):
        expected = {}
        for facet, value in SearchFacet.objects.filter(index_name=index_name).values_list(
            "facet", "value"
        ):
            expected[(facet, value)] = expected.get((facet, value), 0) + 1
        documents = SearchDocument.objects.filter(index_name=index_name)
        expected[("__total", "")] = documents.count()
        members = documents.filter(is_member=True).count()
        if members:
            expected[("__member", "true")] = members
        stored = {
            (facet, value): count
            for facet, value, count in SearchFacetCount.objects.filter(
                index_name=index_name
            ).values_list("facet", "value", "count")
            if count
        }
        assert stored == expected, index_name


def test_deleting_documents_leaves_no_orphan_facets_or_points():
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    backend.index_documents("other", DOCUMENTS[:2])
    backend.index_documents("directory", DOCUMENTS[:2], delete_ids=[3, 4])  # replace, delete
    assert_store_consistent()
    assert SearchFacet.objects.filter(index_name="directory").exists()
    backend.rebuild(ListIndex(DOCUMENTS[4:]))
    assert_store_consistent()
    assert backend.search(DirectoryQuery()).total == 2
    # The ORM still cascades without a database constraint (Django's collector does it).
    facets = SearchFacet.objects.filter(index_name="other").count()
    SearchDocument.objects.filter(index_name="other", object_id=1).delete()
    assert SearchFacet.objects.filter(index_name="other").count() < facets
    assert_no_orphans()


def test_no_database_foreign_key_ties_facets_and_points_to_documents():
    with connection.cursor() as cursor:
        for table in ("kksearch_searchfacet", "kksearch_searchpoint"):
            relations = connection.introspection.get_relations(cursor, table)
            assert relations == {}, (table, relations)


def test_a_failed_rebuild_leaves_the_old_index_serving_and_complete():
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    before = store_state()
    with pytest.raises(RuntimeError, match="halfway"):
        backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw"), fail_after=2))
    assert store_state() == before
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS)
    assert backend.search(DirectoryQuery(text="nieuw")).ids == []
    assert backend.search(DirectoryQuery(text="taalcafe")).ids[0] == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('kksearch_searchdocument__new')")
            assert cursor.fetchone()[0] is None
    # and the next rebuild still works
    backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw")))
    assert backend.search(DirectoryQuery(text="nieuw")).total == len(DOCUMENTS)
    assert_store_consistent()


def test_a_rebuild_gives_the_same_store_as_writing_the_documents_one_batch_at_a_time():
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    incremental = store_state()
    backend.rebuild(ListIndex(list(reversed(DOCUMENTS)), batch=4))
    assert store_state() == incremental
    assert_store_consistent()


def test_a_rebuild_of_one_index_keeps_the_others():
    backend = load_backend("database")
    backend.index_documents("other", DOCUMENTS[:3])
    other = store_state("other")
    backend.rebuild(ListIndex(DOCUMENTS))  # shared store: this index's rows only
    assert store_state("other") == other
    assert backend.search(DirectoryQuery(), index_name="other").total == 3
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS)
    assert_store_consistent()


def test_document_ids_keep_increasing_across_rebuilds():
    """A document id always means one document (the facet bitmaps are keyed by it)."""
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS[:2])
    highest = max(SearchDocument.objects.values_list("pk", flat=True))
    backend.rebuild(ListIndex(DOCUMENTS))
    ids = list(SearchDocument.objects.values_list("pk", flat=True))
    assert min(ids) > highest
    backend.index_documents("directory", [IndexDocument(object_id=99, name="Erna")])
    assert SearchDocument.objects.get(object_id=99).pk > max(ids)


def test_adding_new_documents_in_bulk_indexes_counts_and_tells_other_processes():
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS[:2])
    backend.search(DirectoryQuery())  # this process's bitmaps are loaded
    last_change = SearchChange.objects.order_by("-pk").first().pk
    index = ListIndex(DOCUMENTS)
    added = backend.add_new_documents(index, [[3, 4], [5], [6, 404]])
    assert added == 4
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS)
    assert backend.search(DirectoryQuery(text="schakel")).ids == [4]
    assert backend.search(DirectoryQuery(phases=["inburgering"])).total == 2
    logged = set(
        SearchChange.objects.filter(pk__gt=last_change).values_list("object_id", flat=True)
    )
    assert logged == {3, 4, 5, 6}
    terms = set(SearchTerm.objects.filter(index_name="directory").values_list("term", flat=True))
    assert {"werkgeversnetwerk", "schakel", "taalcafe"} <= terms
    assert_store_consistent()


@postgres_only
def test_the_swapped_in_tables_are_indistinguishable_from_the_migrated_ones():
    def catalog():
        with connection.cursor() as cursor:
            rows = []
            for table in SWAPPED:
                cursor.execute(
                    # The column order, not attnum: a copy has no gaps of dropped columns.
                    "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                    "a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid) "
                    "FROM pg_attribute a LEFT JOIN pg_attrdef d "
                    "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                    "ORDER BY a.attnum",
                    [table],
                )
                rows.append(("columns", table, cursor.fetchall()))
                cursor.execute(
                    "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass "
                    "ORDER BY c.relname",
                    [table],
                )
                rows.append(("indexes", table, cursor.fetchall()))
                cursor.execute(
                    "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass ORDER BY conname",
                    [table],
                )
                rows.append(("constraints", table, cursor.fetchall()))
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, 'id'), relacl, relpersistence, "
                    "relkind FROM pg_class WHERE oid = %s::regclass",
                    [table, table],
                )
                rows.append(("table", table, cursor.fetchall()))
            return rows

    def oids():
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::regclass::oid", [SWAPPED[0]])
            return cursor.fetchone()[0]

    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS[:2])
    before, before_oid = catalog(), oids()
    backend.rebuild(ListIndex(DOCUMENTS))
    assert oids() != before_oid  # the swap happened
    assert catalog() == before
    assert backend.search(DirectoryQuery(text="taalcafe")).ids[0] == 1


@postgres_only
def test_migrations_still_work_after_a_swap_and_a_store_with_foreign_keys_is_rebuilt_in_place():
    backend = load_backend("database")
    backend.rebuild(ListIndex(DOCUMENTS))  # swapped
    call_command("migrate", "kksearch", "0004", verbosity=0)  # the foreign keys come back
    with connection.cursor() as cursor:
        assert connection.introspection.get_relations(cursor, "kksearch_searchfacet")
        # The writer of this code also needs 0006's column, which 0004 does not have.
        cursor.execute(POSTGRES_FORWARD_0006[0])
    backend.rebuild(ListIndex(renamed(DOCUMENTS, "Terug")))  # no swap with foreign keys
    assert backend.search(DirectoryQuery(text="terug")).total == len(DOCUMENTS)
    with connection.cursor() as cursor:
        # What a commit would do before the next migration (this test runs in one
        # transaction): check the deferred foreign keys, so their constraints can be dropped.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("migrate", "kksearch", verbosity=0)
    backend.rebuild(ListIndex(DOCUMENTS))
    assert backend.search(DirectoryQuery(text="terug")).ids == []
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS)
    assert_store_consistent()


def _other_connection():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_other_connections_read_the_old_index_while_a_rebuild_runs_and_wait_only_at_the_swap(
    caplog, monkeypatch
):
    """Slow-ish (a transactional test: the database is flushed after it); PostgreSQL only."""
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    seen = []

    def read_elsewhere():
        with _other_connection() as other:
            other.execute("SET statement_timeout = '3s'")  # a blocked read fails the test
            seen.append(
                other.execute(
                    "SELECT count(*), count(*) FILTER (WHERE search_vector @@ "
                    "to_tsquery('dutch', 'nieuw')) FROM kksearch_searchdocument"
                ).fetchone()
            )

    with pytest.raises(RuntimeError):
        backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw"), fail_after=2, during=read_elsewhere))
    assert seen == [(len(DOCUMENTS), 0), (len(DOCUMENTS), 0)]

    # A search holding the live tables at the swap: the swap's short lock_timeout expires,
    # it waits and retries; the search ends (here: when the swap first waits), the swap goes on.
    reader = _other_connection()
    reader.autocommit = False
    reader.execute("SELECT count(*) FROM kksearch_searchdocument").fetchone()
    waits = []

    def wait(seconds):
        waits.append(seconds)
        reader.commit()

    monkeypatch.setattr(swap_module, "LOCK_TIMEOUT_MS", 50)
    monkeypatch.setattr(swap_module, "sleep", wait)
    seen.clear()
    caplog.set_level(logging.INFO, logger="search")
    try:
        backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw"), during=read_elsewhere))
    finally:
        reader.close()
    assert len(waits) == 1
    assert seen == [(len(DOCUMENTS), 0)] * 3  # batches of 2: the old rows, never blocked
    assert "tables busy" in caplog.text
    assert backend.search(DirectoryQuery(text="nieuw")).total == len(DOCUMENTS)
    assert_store_consistent()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's fast rebuild")
@pytest.mark.django_db(transaction=True)
def test_sqlite_fast_rebuild_in_its_own_transaction_recreates_the_same_tables_or_rolls_back():
    """The fast path (indexes dropped, FTS5 table recreated) runs only as the outermost
    transaction (see SQLiteDocumentWriter.begin_rebuild), so this test is transactional."""

    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name LIKE 'kksearch_%' "
                "AND sql IS NOT NULL ORDER BY name"
            )
            return cursor.fetchall()

    def fts_root():
        with connection.cursor() as cursor:
            cursor.execute("SELECT rootpage FROM sqlite_master WHERE name = 'kksearch_fts_data'")
            return cursor.fetchone()[0]

    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    before, state, root = schema(), store_state(), fts_root()
    with pytest.raises(RuntimeError, match="halfway"):
        backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw"), fail_after=2))
    assert (schema(), store_state(), fts_root()) == (before, state, root)
    assert backend.search(DirectoryQuery(text="taalcafe")).ids[0] == 1
    with CaptureQueriesContext(connection) as queries:
        backend.rebuild(ListIndex(renamed(DOCUMENTS, "Nieuw")))
    statements = [query["sql"] for query in queries.captured_queries]
    # The FTS5 table was recreated, not emptied row by row. (Its root page is no proof: SQLite
    # may give the recreated table the page the dropped one freed.)
    assert "DROP TABLE kksearch_fts" in statements
    assert not [sql for sql in statements if sql.startswith("DELETE FROM kksearch_fts")]
    assert schema() == before
    assert backend.search(DirectoryQuery(text="nieuw")).total == len(DOCUMENTS)
    assert backend.search(DirectoryQuery(text="nieuw taalcafe")).ids[0] == 1
    assert_store_consistent()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
def test_a_bulk_write_gives_back_the_connections_page_cache_size_even_when_it_fails():
    def cache_size():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    backend = load_backend("database")
    before = cache_size()
    backend.add_new_documents(ListIndex(DOCUMENTS), [[1, 2]])
    assert cache_size() == before
    backend.rebuild(ListIndex(DOCUMENTS))
    assert cache_size() == before
    with pytest.raises(RuntimeError):
        backend.rebuild(ListIndex(DOCUMENTS, fail_after=1))
    assert cache_size() == before


@pytest.mark.django_db(transaction=True)
def test_the_first_documents_of_an_index_are_loaded_like_a_rebuild_and_a_failure_adds_none():
    """Transactional: the bulk load (PostgreSQL's table swap, SQLite's recreated FTS5 table,
    the reader thread on PostgreSQL) runs only when add_new_documents owns its transaction."""
    backend = load_backend("database")
    backend.rebuild(ListIndex(DOCUMENTS))
    rebuilt = store_state()
    backend.rebuild(ListIndex([]))
    assert backend.search(DirectoryQuery()).total == 0  # this process's bitmaps: empty index

    class Broken(ListIndex):
        def build_documents(self, ids):
            if 5 in ids:
                raise RuntimeError("organisation 5 is broken")
            return super().build_documents(ids)

    with pytest.raises(RuntimeError, match="organisation 5 is broken"):
        backend.add_new_documents(Broken(DOCUMENTS), [[1, 2], [3, 4], [5, 6]])
    assert backend.count() == 0
    assert backend.search(DirectoryQuery()).total == 0

    with CaptureQueriesContext(connection) as queries:
        added = backend.add_new_documents(ListIndex(DOCUMENTS), [[1, 2], [3, 4], [5, 6, 404]])
    assert added == len(DOCUMENTS)
    assert store_state() == rebuilt  # the same documents, facets and points as a rebuild
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    bulk_load = "DROP TABLE kksearch_fts" if connection.vendor == "sqlite" else "RENAME TO"
    assert bulk_load in statements
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS)  # reloaded, not stale
    assert backend.search(DirectoryQuery(text="schakel")).ids == [4]
    assert backend.search(DirectoryQuery(phases=["inburgering"])).total == 2
    assert_store_consistent()

    # Once the index has documents, new ones are added row by row and logged for others.
    last_change = SearchChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    extra = IndexDocument(object_id=77, name="Fictief Taalpunt", body="Taalles voor nieuwkomers")
    assert backend.add_new_documents(ListIndex([extra]), [[77]]) == 1
    logged = SearchChange.objects.filter(pk__gt=last_change).values_list("object_id", flat=True)
    assert list(logged) == [77]
    assert backend.search(DirectoryQuery(text="taalpunt")).ids == [77]
    assert backend.search(DirectoryQuery()).total == len(DOCUMENTS) + 1
    assert_store_consistent()
