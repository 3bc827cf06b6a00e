"""Build the next batches of a rebuild's documents in a thread while the current one is written.

Why: a full rebuild alternates two kinds of work, building documents (Python, plus the ORM's
reads) and writing them (on PostgreSQL the server computes the tsvectors; Elasticsearch indexes a
bulk request). Done in turn, each waits for the other: at 100,000 organisations on PostgreSQL
about 30 s of Python and 25 s of server time added up. With the reading in a thread of its own,
which has its own database connection (Django's connections are per thread), the documents are
built while the writer's connection waits for the server.

Only when the rebuild owns its transaction: inside an outer atomic block (a test case, a caller's
transaction) the thread's connection would not see that transaction's uncommitted rows, so the
documents are then built in the calling thread, as before. The reader's connection reads what is
committed, which is what the rebuild's own READ COMMITTED statements would have read.

Not on SQLite: the database runs inside this process, so a second thread gains little, and a
second connection to the same file (or to the shared in-memory database of a test run) waits on
the writer's lock ("database table is locked") instead of reading beside it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

from django.db import connections

T = TypeVar("T")

# Batches built ahead of the writer (each is one chunk of documents: a few MB at most).
DEPTH = 2
_POLL_SECONDS = 0.1
_DONE = object()


def can_prefetch(alias: str) -> bool:
    """A thread may read for the rebuild: a database server works beside this process, and no
    outer transaction hides rows from the thread's connection."""
    connection = connections[alias]
    return connection.vendor != "sqlite" and not connection.in_atomic_block


def prefetched(make_batches: Callable[[], Iterable[T]], depth: int = DEPTH) -> Iterator[T]:
    """The batches of `make_batches()`, produced in a background thread, in order.

    An error in the thread is raised here, at the batch where it happened; when the consumer
    stops early (an error while writing), the thread stops after its current batch and its
    database connection is closed either way."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                queue.put(item, timeout=_POLL_SECONDS)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for batch in make_batches():
                if not put((batch, None)):
                    return
            put((_DONE, None))
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, raised there
            put((_DONE, error))
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=produce, name="search-rebuild-reader", daemon=True)
    thread.start()
    try:
        while True:
            try:
                batch, error = queue.get(timeout=_POLL_SECONDS)
            except Empty:
                if not thread.is_alive() and queue.empty():
                    raise RuntimeError("The rebuild's reader thread ended early") from None
                continue
            if batch is _DONE:
                if error is not None:
                    raise error
                return
            yield batch
    finally:
        stop.set()
        thread.join()


def batches_for(make_batches: Callable[[], Iterable[T]], alias: str) -> Iterator[T]:
    """`make_batches()`'s batches: prefetched in a thread when it can be, else built here."""
    if can_prefetch(alias):
        return prefetched(make_batches)
    return _inline(make_batches)


def documents_for_rebuild(index, alias: str) -> Iterator:
    """The index's document batches for a rebuild: prefetched in a thread when it can be."""
    return batches_for(index.iter_documents, alias)


def _inline(make_batches: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The batches built in the calling thread (a generator, so `close()` works the same)."""
    yield from make_batches()
