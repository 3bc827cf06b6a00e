"""Database-backend specifics: a fixed number of SQL queries per search, the SQL shape, the
store's rows, the in-memory facet bitmaps keeping up with writes, and the loader that picks the
backend from settings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import get_backend
from search.backends import InvalidSearchBackendError, get_backend_config, load_backend
from search.backends.database import DatabaseSearchBackend
from search.documents import IndexDocument
from search.models import SearchDocument, SearchFacet, SearchPoint, SearchTerm
from search.query import DirectoryQuery

from .fixtures import AMSTERDAM_CENTRAAL, DOCUMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    return backend


def many_documents(n):
    return [
        IndexDocument(
            object_id=100 + i,
            name=f"Organisatie {i}",
            body="taalles",
            facets={"phase": ["wijk"], "language": ["nl", "ar"], "theme": [f"t{i}"]},
            points=[(52.37 + i / 1000, 4.89)],
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_fixed_queries_per_search_whatever_the_page_size(page_size):
    backend = load_backend("database")
    backend.index_documents("directory", many_documents(120))
    queries = [
        DirectoryQuery(page_size=page_size),
        DirectoryQuery(text="taalles", phases=["wijk"], languages=["nl"], page_size=page_size),
        DirectoryQuery(near_point=(52.4, 4.89), radius_km=20, page_size=page_size),
    ]
    backend.search(queries[1])  # warm the synonym cache and the facet bitmaps
    # The change-log check, plus one statement for the text (places are matched in memory).
    for query, expected in zip(queries, [1, 2, 1], strict=True):
        with CaptureQueriesContext(connection) as captured:
            result = backend.search(query)
        assert len(captured) == expected, [q["sql"][:80] for q in captured]
        assert len(result.ids) == min(page_size, result.total)
        assert result.total > 0


def test_a_text_search_without_hits_adds_one_query_for_suggestions(backend):
    backend.search(DirectoryQuery(text="taalcafe"))
    with CaptureQueriesContext(connection) as captured:
        result = backend.search(DirectoryQuery(text="taalcaffe"))
    assert len(captured) == 3
    assert result.suggestions[0] == "taalcafe"


def test_store_rows_follow_documents(backend):
    assert SearchDocument.objects.filter(index_name="directory").count() == 6
    assert SearchFacet.objects.filter(document__object_id=1, facet="language").count() == 2
    assert SearchPoint.objects.filter(document__object_id=6).count() == 0
    assert SearchTerm.objects.filter(term="taalcafe").exists()
    backend.index_documents("directory", [], delete_ids=[1])
    assert not SearchDocument.objects.filter(object_id=1).exists()
    assert not SearchFacet.objects.filter(document__object_id=1).exists()
    assert backend.count() == 5


def test_indexes_are_separate(backend):
    backend.index_documents("other", [IndexDocument(object_id=1, name="Taalcafé Elders")])
    assert backend.search(DirectoryQuery(text="taalcafe")).ids == [1, 4]
    assert backend.search(DirectoryQuery(text="elders"), index_name="other").ids == [1]
    assert backend.search(DirectoryQuery(), index_name="other").facets["phases"] == {}


def test_distance_filter_is_exact_not_just_the_box(backend):
    # The corner of the bounding box is outside the circle: 2 lies ~2.8 km away.
    result = backend.search(DirectoryQuery(near_point=AMSTERDAM_CENTRAAL, radius_km=2.5))
    assert result.ids == [1]


def test_sql_uses_the_vendor_text_search(backend):
    compiler, _ = backend.compile(DirectoryQuery(text="taalcafe"))
    sql, params = compiler.candidates()
    if connection.vendor == "sqlite":
        assert sql.count("kksearch_fts MATCH") == 3
        assert params == [
            '({name body} : ("taalcaf") OR prefix : "taalcafe" *)',
            '(name : ("taalcaf") OR prefix : "taalcafe" *)',
            'prefix : "taalcafe" *',
        ]
    else:
        assert "search_vector @@ to_tsquery('dutch', %s)" in sql
        assert "name_vector @@ to_tsquery('dutch', %s)" in sql
        # The prefix is matched unstemmed, against the name's own words.
        assert "prefix_vector @@ to_tsquery('simple', %s)" in sql
        assert params == [
            "directory", "(taalcafe)", "taalcafe:*",
            "directory", "(taalcafe)", "taalcafe:*",
            "directory", "taalcafe:*",
        ]  # fmt: skip


def test_loader_defaults_and_settings(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.DIRECTORY_SEARCH_BACKEND = None
    assert get_backend_config() == {"BACKEND": "search.backends.database"}
    assert isinstance(get_backend(), DatabaseSearchBackend)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    config = get_backend_config()
    assert config["BACKEND"] == "search.backends.elasticsearch9"
    assert config["URLS"] == ["http://127.0.0.1:9"]
    settings.DIRECTORY_SEARCH_BACKEND = "database"
    assert isinstance(get_backend(), DatabaseSearchBackend)
    settings.DIRECTORY_SEARCH_BACKEND = {
        "BACKEND": "search.backends.database.DatabaseSearchBackend"
    }
    assert get_backend() is get_backend()
    with pytest.raises(InvalidSearchBackendError):
        load_backend("search.backends.nonexistent")
    settings.DIRECTORY_SEARCH_BACKEND = {"DATABASE": "default"}
    with pytest.raises(InvalidSearchBackendError):
        get_backend_config()


def test_a_full_rebuild_recreates_the_same_fts_table_and_keeps_other_indexes(backend):
    from search.registry import SearchIndex

    class Listed(SearchIndex):
        name = "directory"

        def iter_documents(self, chunk_size=None):
            yield DOCUMENTS[:2]

    def fts_sql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'kksearch_fts'")
            return cursor.fetchone()[0]

    before = fts_sql() if connection.vendor == "sqlite" else None
    backend.rebuild(Listed())  # the only index: emptied whole, FTS table recreated
    assert backend.search(DirectoryQuery()).total == 2
    assert backend.search(DirectoryQuery(text="taalcafe")).ids == [1]
    if connection.vendor == "sqlite":
        assert fts_sql() == before
    backend.index_documents("other", [IndexDocument(object_id=9, name="Elders")])
    backend.rebuild(Listed())  # shared store: only this index's rows go
    assert backend.search(DirectoryQuery(text="elders"), index_name="other").ids == [9]
    assert backend.search(DirectoryQuery()).total == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 shadow table")
def test_ids_are_never_reused_even_when_the_orm_tables_are_flushed():
    """A TransactionTestCase flush (or any DELETE on the ORM tables) leaves FTS5 rows behind:
    new documents take ids past the AUTOINCREMENT counter, so nothing collides."""
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS[:2])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM kksearch_searchfacet")
        cursor.execute("DELETE FROM kksearch_searchpoint")
        cursor.execute("DELETE FROM kksearch_searchdocument")  # kksearch_fts keeps its rows
    backend.index_documents("directory", DOCUMENTS[2:4])
    assert backend.search(DirectoryQuery()).total == 2
    assert backend.search(DirectoryQuery(text="schakel")).ids == [4]
