"""Warming the search backend at server start (search.warmup)."""

import logging

import pytest
from django.db import connection

from search.backends import load_backend
from search.backends.database.memory import memories
from search.query import DirectoryQuery

from .fixtures import DOCUMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(settings):
    settings.DIRECTORY_SEARCH_BACKEND = "database"
    backend = load_backend("database")
    backend.index_documents("directory", DOCUMENTS)
    memories.clear()
    return backend


def test_warm_loads_the_directory_state_before_the_first_search(database_backend):
    from search.warmup import warm

    assert not memories.get(connection, "directory").loaded
    assert warm() == ["directory"]
    memory = memories.get(connection, "directory")
    assert memory.loaded
    reloads = memory.reloads
    assert database_backend.search(DirectoryQuery()).total == len(DOCUMENTS)
    assert memory.reloads == reloads  # the visitor's search found it loaded


def test_a_failing_backend_is_logged_and_never_raises(monkeypatch, caplog):
    import search
    from search.warmup import warm

    class Broken:
        def search(self, query, index_name):
            raise ConnectionError("no search today")

    monkeypatch.setattr(search, "get_backend", Broken)
    with caplog.at_level(logging.WARNING, logger="search"):
        assert warm() == []
    assert "Could not warm search index directory" in caplog.text
