"""Shared pytest fixtures and ordering: isolated media, database layers (`tests/db_layers.py`)."""

import pytest

from .db_layers import uses_layer

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (
        (marker.args and marker.args[0])
        or marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Within each module, run the tests on a database layer after the others (stable order).

    A layer's data lives from its first test to the end of its module, so a test that does
    not ask for it must not run in between. The e2e conftest moves whole modules to the end
    afterwards (trylast), which keeps this order inside them.
    """
    by_module: dict = {}
    for item in items:
        by_module.setdefault(item.module if hasattr(item, "module") else None, []).append(item)
        if uses_layer(getattr(item, "fixturenames", ())) and _is_transactional(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a database layer cannot be used by a transactional test"
            )
    ordered = []
    for module_items in by_module.values():
        ordered += [i for i in module_items if not uses_layer(getattr(i, "fixturenames", ()))]
        ordered += [i for i in module_items if uses_layer(getattr(i, "fixturenames", ()))]
    items[:] = ordered


@pytest.fixture(scope="session", autouse=True)
def _migrated_database(request):
    """A snapshot of the freshly migrated test database, for the browser tests to seed on.

    Transactional tests flush every table when they end, including the rows the data
    migrations made (Wagtail's root page and site, the groups). The browser tests run last and
    load the seed content on top of those rows, so when a run has both, the database is
    snapshotted here, before the first test can flush it (tests/e2e/conftest.py restores it).
    """
    items = request.session.items
    has_e2e = any(item.get_closest_marker("e2e") for item in items)
    flushes = any(_is_transactional(i) and not i.get_closest_marker("e2e") for i in items)
    if not (has_e2e and flushes):
        yield None
        return
    from django.db import DEFAULT_DB_ALIAS, connections

    from .e2e import snapshot

    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        migrated = snapshot.take(connections[DEFAULT_DB_ALIAS], "migrated")
    yield migrated
    with blocker.unblock():
        migrated.discard()
