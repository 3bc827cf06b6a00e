"""The rebuild's reader thread (search/prefetch.py): same batches, errors where they happen, no
thread or connection left behind, and never used where it could not see the caller's rows."""

import threading

import pytest
from django.db import connection, connections, transaction

from search import prefetch
from search.backends import load_backend
from search.documents import IndexDocument
from search.query import DirectoryQuery
from search.registry import SearchIndex


def _reader_threads():
    return [t for t in threading.enumerate() if t.name == "search-rebuild-reader"]


def test_batches_arrive_in_order_from_another_thread():
    producers = []

    def batches():
        for number in range(7):
            producers.append(threading.current_thread().name)
            yield [number]

    assert list(prefetch.prefetched(batches)) == [[n] for n in range(7)]
    assert set(producers) == {"search-rebuild-reader"}
    assert _reader_threads() == []


def test_an_error_while_building_is_raised_to_the_writer_after_the_batches_before_it():
    def batches():
        yield [1]
        yield [2]
        raise ValueError("organisation 3 is broken")

    received = []
    with pytest.raises(ValueError, match="organisation 3 is broken"):
        for batch in prefetch.prefetched(batches):
            received.append(batch)
    assert received == [[1], [2]]
    assert _reader_threads() == []


def test_a_writer_that_stops_early_stops_the_reader():
    built = []

    def batches():
        for number in range(1_000):
            built.append(number)
            yield [number]

    stream = prefetch.prefetched(batches, depth=2)
    assert next(stream) == [0]
    stream.close()
    assert _reader_threads() == []
    assert len(built) < 10  # it stopped once the queue was full, not after all 1,000


@pytest.mark.django_db
def test_inside_a_callers_transaction_the_documents_are_built_in_the_calling_thread():
    """A thread's own connection would not see the transaction's uncommitted rows."""
    assert connection.in_atomic_block  # the test case's transaction
    assert not prefetch.can_prefetch("default")
    threads = []

    class Index:
        def iter_documents(self):
            threads.append(threading.current_thread())
            yield []

    list(prefetch.documents_for_rebuild(Index(), "default"))
    assert threads == [threading.current_thread()]


class _ReadingIndex(SearchIndex):
    """Builds its documents from a database read, so the reader thread needs a connection."""

    name = "directory"
    chunk_size = 2

    def __init__(self, names):
        self.names = names
        self.readers = set()
        self.connections = set()

    def iter_documents(self, chunk_size=None):
        for start in range(0, len(self.names), self.chunk_size):
            with connection.cursor() as cursor:  # this thread's connection
                cursor.execute("SELECT 1")
            self.readers.add(threading.current_thread().name)
            self.connections.add(connections["default"])
            yield [
                IndexDocument(object_id=start + offset + 1, name=name)
                for offset, name in enumerate(self.names[start : start + self.chunk_size])
            ]


def _is_sqlite():
    return connection.vendor == "sqlite"


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_rebuild_reads_in_the_calling_thread():
    """SQLite runs in this process and a second connection would wait on the writer's lock."""
    if not _is_sqlite():
        pytest.skip("SQLite only: a database server is read from the reader thread")
    backend = load_backend("database")
    index = _ReadingIndex(["Taalhuis Oost", "Taalcafé West", "Op Straat"])
    assert not prefetch.can_prefetch("default")
    assert backend.rebuild(index).documents == 3
    assert index.readers == {threading.current_thread().name}
    assert backend.search(DirectoryQuery(text="taal")).total == 2
    assert _reader_threads() == []


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_owns_its_transaction_reads_in_the_thread_and_closes_its_connection():
    if _is_sqlite():
        pytest.skip("PostgreSQL only: on SQLite the rebuild reads in the calling thread")
    backend = load_backend("database")
    names = ["Taalhuis Oost", "Taalcafé West", "Buurthuis Noord", "Op Straat", "Fietsschool"]
    index = _ReadingIndex(names)
    assert prefetch.can_prefetch("default")
    report = backend.rebuild(index)
    assert report.documents == len(names)
    assert index.readers == {"search-rebuild-reader"}
    assert backend.search(DirectoryQuery(text="taal")).total == 2
    assert backend.search(DirectoryQuery()).total == len(names)
    assert _reader_threads() == []
    # The reader had a connection of its own, and closed it.
    (reader_connection,) = index.connections
    assert reader_connection is not connections["default"]
    assert reader_connection.connection is None


@pytest.mark.django_db(transaction=True)
def test_a_failing_build_rolls_the_rebuild_back_and_keeps_the_old_documents():
    backend = load_backend("database")
    backend.rebuild(_ReadingIndex(["Taalhuis Oost", "Op Straat"]))

    class Broken(_ReadingIndex):
        def iter_documents(self, chunk_size=None):
            yield from super().iter_documents(chunk_size)
            raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="the database went away"):
        backend.rebuild(Broken(["Fietsschool", "Buurthuis", "Taalcafé"]))
    assert not transaction.get_connection().in_atomic_block
    assert sorted(backend.search(DirectoryQuery()).ids) == [1, 2]
    assert backend.search(DirectoryQuery(text="straat")).ids == [2]
    assert _reader_threads() == []
