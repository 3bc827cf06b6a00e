"""PostgreSQL: fill copies of tables without their indexes, then swap them in, in one transaction.

Why: a full rebuild that deletes the old rows and inserts new ones into the live tables pays for
every index entry one at a time (two GIN indexes of tsvectors, five b-trees over a million facet
rows) and leaves a table of dead rows behind for VACUUM. A fresh table without indexes takes
the rows at the speed of COPY, and each index is then built once, sorted, from the loaded rows.

How readers keep the old index: the copies are created inside the rebuild's transaction, so no
other session sees them; the live tables are locked in SHARE mode (other writers wait, readers
do not) until the swap. The swap takes ACCESS EXCLUSIVE locks on the live tables, drops them and
renames the copies (and their indexes, constraints and identity sequences) to the live names,
then the transaction commits. A search waits at most for that: the locks are held from the
swap's statements to the commit (milliseconds of catalog work), plus, before the lock is
granted, for the searches already running (the lock is tried with a short `lock_timeout` and
retried, so one slow query does not make every new search queue behind the waiting swap for
long). A failure anywhere rolls the whole transaction back: the copies vanish and the live tables
were never touched.

Everything is re-created from the catalog (`pg_get_indexdef`, `pg_get_constraintdef`) under
the live names, so the swapped tables are indistinguishable from the ones the migrations made
and later migrations (which find indexes and constraints by name or by column) keep working.
"""

from __future__ import annotations

import hashlib
import logging
from time import sleep

from django.db import OperationalError, transaction

logger = logging.getLogger("search")

SUFFIX = "__new"
# How long one try to lock the live tables for the swap may wait, and how often it is tried
# before waiting as long as it takes (a rebuild does not fail because searches are running).
LOCK_TIMEOUT_MS = 200
LOCK_ATTEMPTS = 25


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _temporary_name(name: str) -> str:
    """A name for an index, constraint or sequence of a copy while the live one exists."""
    return "kkswap_" + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:16]


class TableSwap:
    """Copies of `tables` (filled by the caller between `create()` and `swap()`)."""

    def __init__(self, tables: tuple[str, ...]):
        self.tables = tables
        # (temporary name, live name) of the copies' indexes, renamed at the swap
        self._renames: list[tuple[str, str]] = []

    def copy_of(self, table: str) -> str:
        return table + SUFFIX

    def possible(self, cursor) -> bool:
        """Whether the tables can be swapped: not when a foreign key points into or out of
        them (it would have to be dropped and re-validated; the store has none, see
        search/models.py, but a database that has not run that migration yet may)."""
        cursor.execute(
            "SELECT 1 FROM pg_constraint WHERE contype = 'f' "
            "AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[])) LIMIT 1",
            [list(self.tables), list(self.tables)],
        )
        return cursor.fetchone() is None

    def lock_for_writes(self, cursor) -> None:
        """Other writers wait until the swap has committed (their rows would be lost); searches
        go on reading the live tables."""
        names = ", ".join(_quote(t) for t in self.tables)
        cursor.execute(f"LOCK TABLE {names} IN SHARE MODE")

    def create(self, cursor) -> None:
        """Empty copies: columns, defaults, identity, NOT NULL and CHECK constraints, storage,
        privileges granted to other roles; no indexes (built after the load by
        `build_indexes`). The copies belong to the role running the rebuild, the one that
        ran the migrations."""
        for table in self.tables:
            copy = _quote(self.copy_of(table))
            cursor.execute(
                f"CREATE TABLE {copy} (LIKE {_quote(table)} INCLUDING ALL EXCLUDING INDEXES)"
            )
            cursor.execute(
                "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END, "
                "a.privilege_type, a.is_grantable FROM pg_class c, aclexplode(c.relacl) a "
                "LEFT JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE c.oid = %s::regclass AND a.grantee <> c.relowner",
                [table],
            )
            for grantee, privilege, grantable in cursor.fetchall():
                option = " WITH GRANT OPTION" if grantable else ""
                cursor.execute(f"GRANT {privilege} ON {copy} TO {grantee}{option}")

    def build_indexes(self, cursor) -> None:
        """The live tables' primary keys, unique constraints and indexes, on the copies."""
        for table in self.tables:
            copy = self.copy_of(table)
            # Constraints with an index (primary key, unique, exclusion): from their definition.
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname",
                [table],
            )
            for name, definition in cursor.fetchall():
                temporary = _temporary_name(name)
                cursor.execute(
                    f"ALTER TABLE {_quote(copy)} ADD CONSTRAINT {_quote(temporary)} {definition}"
                )
                self._renames.append((temporary, name))  # renames the constraint too
            # Plain indexes: their definition after "USING" (method, columns, predicate).
            cursor.execute(
                "SELECT c.relname, i.indisunique, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = %s::regclass AND NOT EXISTS ("
                "SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                "ORDER BY c.relname",
                [table],
            )
            for name, unique, definition in cursor.fetchall():
                temporary = _temporary_name(name)
                method = definition.split(" USING ", 1)[1]
                cursor.execute(
                    f"CREATE {'UNIQUE ' if unique else ''}INDEX {_quote(temporary)} "
                    f"ON {_quote(copy)} USING {method}"
                )
                self._renames.append((temporary, name))

    def _sequences(self, cursor, table: str) -> list[tuple[str, str]]:
        """(column, sequence name) of the table's identity or serial columns."""
        cursor.execute(
            "SELECT a.attname, pg_get_serial_sequence(%s, a.attname) FROM pg_attribute a "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
            [_quote(table), table],
        )
        return [(column, seq) for column, seq in cursor.fetchall() if seq]

    def continue_sequences(self, cursor) -> None:
        """The copies' identity sequences carry on where the live ones are (ids are never
        reused, so a document id always means one document)."""
        for table in self.tables:
            live = dict(self._sequences(cursor, table))
            for column, sequence in self._sequences(cursor, self.copy_of(table)):
                if column in live:
                    cursor.execute(
                        "SELECT setval(%s, GREATEST(nextval(%s), "  # noqa: S608
                        f"(SELECT COALESCE(MAX({_quote(column)}), 0) + 1 "
                        f"FROM {_quote(self.copy_of(table))})), false)",
                        [sequence, live[column]],
                    )

    def _lock_live_tables(self, cursor) -> None:
        """ACCESS EXCLUSIVE on the live tables: tried with a short lock_timeout in a savepoint
        (so that new searches queue behind the waiting swap only briefly), then, after
        LOCK_ATTEMPTS tries, waited for as long as it takes."""
        names = ", ".join(_quote(t) for t in self.tables)
        cursor.execute("SHOW lock_timeout")
        previous = cursor.fetchone()[0]
        for attempt in range(1, LOCK_ATTEMPTS + 1):
            try:
                with transaction.atomic(using=cursor.db.alias):
                    cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_MS}ms'")
                    cursor.execute(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")
            except OperationalError as exc:
                if getattr(exc.__cause__, "sqlstate", None) != "55P03":  # lock_not_available
                    raise
                logger.info("Search index swap: tables busy (try %d), retrying", attempt)
                sleep(0.05 * attempt)
                continue
            break
        else:
            cursor.execute("SET LOCAL lock_timeout = 0")
            cursor.execute(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE")
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])

    def swap(self, cursor) -> None:
        """Replace the live tables by the copies under the live names (call `build_indexes`
        and `continue_sequences` first). Locks the live tables until the transaction ends."""
        sequences = {table: self._sequences(cursor, table) for table in self.tables}
        copy_sequences = {
            table: self._sequences(cursor, self.copy_of(table)) for table in self.tables
        }
        self._lock_live_tables(cursor)
        cursor.execute("DROP TABLE " + ", ".join(_quote(t) for t in self.tables))
        for table in self.tables:
            cursor.execute(f"ALTER TABLE {_quote(self.copy_of(table))} RENAME TO {_quote(table)}")
            live = dict(sequences[table])
            for column, sequence in copy_sequences[table]:
                if column in live:
                    live_name = live[column].split(".")[-1].strip('"')
                    cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {_quote(live_name)}")
        for temporary, name in self._renames:
            cursor.execute(f"ALTER INDEX {_quote(temporary)} RENAME TO {_quote(name)}")
