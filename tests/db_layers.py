"""Database layers: expensive test data built once per module, rolled back after it.

Loading the real seed content publishes some twenty Wagtail pages and the Klantreis and loads
4,000 postcode areas: seconds per test, and most of the suite's time when every test that
needs it builds it again. A *layer* builds it once for the tests of one module instead:

- a module-scoped fixture whose name ends in `_db_layer` opens a transaction, builds the data
  in it and keeps that transaction open while the module's tests run;
- every test on top of it still runs in its own transaction (pytest-django's `db`, a savepoint
  inside the layer's), so whatever a test writes is rolled back before the next one starts,
  and each test starts from exactly the data the layer built;
- after the module's last test the layer's transaction is rolled back: nothing is committed,
  and the next module starts from the database the migrations left.

`tests/conftest.py` moves the tests that use a layer after the other tests of their module, so
a test that does not ask for the layer never sees its data, and refuses a layer under a
transactional test (a flush inside the layer's transaction would break both).

Only the database is layered. The cache is cleared at the start of every test on a layer
(`enter_layer_test`): building the data invalidated Wagtail's cached site root paths when each
test built it itself, and a test's cached entries must not reach the next test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

LAYER_SUFFIX = "_db_layer"


@contextmanager
def database_layer(django_db_blocker, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Run the block's writes, and the tests during the `yield`, in one rolled-back transaction."""
    with django_db_blocker.unblock(), transaction.atomic(using=using):
        try:
            yield
        finally:
            transaction.set_rollback(True, using=using)


def enter_layer_test() -> None:
    """What a test on a layer does first: start with an empty cache."""
    cache.clear()


def uses_layer(fixturenames) -> bool:
    return any(name.endswith(LAYER_SUFFIX) for name in fixturenames)
