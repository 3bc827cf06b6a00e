"""SQL functions the database backend needs on SQLite (PostgreSQL gets them in a migration)."""

import contextlib
import sqlite3

from ...geo import distance_km


def _distance(lat1, lon1, lat2, lon2):
    if None in (lat1, lon1, lat2, lon2):
        return None
    return distance_km(lat1, lon1, lat2, lon2)


def register_sqlite_functions(sender=None, connection=None, **kwargs):
    """Register kk_distance_km on a new SQLite connection (the `connection_created` signal)."""
    if connection is None or connection.vendor != "sqlite":
        return
    ensure_sqlite_functions(connection)


def ensure_sqlite_functions(connection) -> None:
    """Idempotent and cheap (sqlite3 replaces a function of the same name)."""
    raw = connection.connection
    if raw is None:
        return
    # SQLite refuses to redefine a function while a statement is active, and one stays active
    # after a ROLLBACK TO SAVEPOINT past a drop and re-creation of the FTS5 table (a failed
    # rebuild inside an outer transaction). The function is there already then:
    # `connection_created` registered it when the connection was opened.
    with contextlib.suppress(sqlite3.OperationalError):
        raw.create_function("kk_distance_km", 4, _distance, deterministic=True)
