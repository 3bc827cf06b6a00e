"""Exact copies of the test database, for the browser tests to start each test from.

The live server reads committed rows, so a browser test cannot run in a rolled-back
transaction; something has to put the database back after every test. Django's way (flush
every table, reload the post-migration rows, then load the seed content again) cost about 25 s
per test on PostgreSQL: TRUNCATE of ~120 tables, ~4,500 queries of seeding, two WeasyPrint PDFs.
A snapshot taken once after seeding is restored instead, in well under a second, and restores
*everything*, also what a flush leaves behind (SQLite's FTS5 tables) and the sequences:

- SQLite (the in-memory test database the live server shares): SQLite's online backup API
  copies every page into a private in-memory database and back.
- PostgreSQL: every table of the schema is copied into a snapshot schema inside the test
  database; restoring deletes every row and copies them back in one transaction (foreign keys
  are deferred until the commit) and resets every sequence to its value at the snapshot.
"""

from __future__ import annotations

import sqlite3

from django.db import transaction

SNAPSHOT_SCHEMA_PREFIX = "kk_e2e_snapshot"


def take(connection, name: str):
    """A snapshot of `connection`'s database (`name` keeps several apart)."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return SqliteSnapshot(connection)
    if connection.vendor == "postgresql":
        return PostgresSnapshot(connection, f"{SNAPSHOT_SCHEMA_PREFIX}_{name}")
    raise NotImplementedError(f"No database snapshots for {connection.vendor}")


class SqliteSnapshot:
    def __init__(self, connection):
        self.connection = connection
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self) -> None:
        self.connection.ensure_connection()
        self.copy.backup(self.connection.connection)

    def discard(self) -> None:
        self.copy.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresSnapshot:
    def __init__(self, connection, schema: str):
        self.connection = connection
        self.schema = _quote(schema)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) "
                "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
                "GROUP BY c.relname ORDER BY c.relname"
            )
            self.columns = dict(cursor.fetchall())
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                "start_value, last_value FROM pg_sequences WHERE schemaname = current_schema()"
            )
            self.sequences = cursor.fetchall()
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            self.filled = []
            for table, columns in self.columns.items():
                cursor.execute(
                    f"CREATE UNLOGGED TABLE {self.schema}.{_quote(table)} AS "  # noqa: S608
                    f"SELECT {columns} FROM {_quote(table)}"
                )
                if cursor.rowcount:
                    self.filled.append(table)
        statements = [f"DELETE FROM {_quote(table)}" for table in self.columns]  # noqa: S608
        statements += [
            f"INSERT INTO {_quote(table)} ({self.columns[table]}) OVERRIDING SYSTEM VALUE "  # noqa: S608
            f"SELECT {self.columns[table]} FROM {self.schema}.{_quote(table)}"
            for table in self.filled
        ]
        statements += [
            f"SELECT setval('{sequence}', {last}, true)"
            if last is not None
            else f"SELECT setval('{sequence}', {start}, false)"
            for sequence, start, last in self.sequences
        ]
        self.restore_sql = statements

    def restore(self) -> None:
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for statement in self.restore_sql:
                cursor.execute(statement)

    def discard(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
