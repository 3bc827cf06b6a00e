"""Plain-row bulk inserts for the bulk writer: no model instances, ids allocated up front.

``Model.objects.bulk_create`` builds a model instance per row and compiles every field of every
row in Python; at 100,000 organisations (a million rows over all tables) that was most of an
import's time. ``TableInserter`` writes tuples instead: the columns a caller varies per row,
plus every other column filled once from the field's default (``auto_now``/``auto_now_add``
get the writer's timestamp). SQLite gets one ``executemany`` per batch (a C loop), PostgreSQL
``COPY``.

Primary keys are allocated before the insert, so parents, children and revisions can point at
each other in one pass (no read-back by uuid, no second update):

- PostgreSQL: ``nextval`` of the table's sequence (safe with concurrent writers).
- SQLite: ``MAX(id)`` (or the AUTOINCREMENT counter, if higher) plus one. That is safe
  because the allocator first takes SQLite's write lock with a no-op ``UPDATE``: from then
  until the transaction ends no other connection can insert, and SQLite moves its
  AUTOINCREMENT counter past the explicit ids itself.

Only use inside ``transaction.atomic()`` (the writers do): the lock and the all-or-nothing
guarantee both depend on it.
"""

from __future__ import annotations

import uuid as uuid_module

from django.db import models

# The JSON-serialised content of a Revision is handed over as text; the column (TEXT on SQLite,
# jsonb on PostgreSQL) parses it.


class IdAllocator:
    """Hands out primary keys for one table within the current transaction."""

    def __init__(self, connection, model):
        self.connection = connection
        self.table = model._meta.db_table
        self.pk_column = model._meta.pk.column
        self._next: int | None = None

    def take(self, count: int) -> list[int]:
        if count <= 0:
            return []
        qn = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.table, self.pk_column, count],
                )
                return [row[0] for row in cursor.fetchall()]
            # Take the write lock first (a write statement that changes nothing), so no other
            # connection can insert between reading the maximum and our inserts; read the
            # maximum on every call, so rows the ORM added in between (same transaction) are
            # never collided with.
            cursor.execute(
                f"UPDATE {qn(self.table)} SET {qn(self.pk_column)} = {qn(self.pk_column)} "  # noqa: S608
                "WHERE 1 = 0"
            )
            cursor.execute(
                f"SELECT COALESCE(MAX({qn(self.pk_column)}), 0) FROM {qn(self.table)}"  # noqa: S608
            )
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
            row = cursor.fetchone()
            if row and row[0] and row[0] > highest:
                highest = row[0]
            self._next = max(self._next or 0, highest + 1)
        start = self._next
        self._next += count
        return list(range(start, start + count))


class TableInserter:
    """Inserts rows of ``(pk, *values of `fields`)`` into a model's table; the other columns get
    their defaults. Values are passed as the database adapter takes them (ints for foreign
    keys, str, float, bool, None); UUIDs and datetimes are converted here per vendor."""

    def __init__(self, connection, model, fields: list[str], now=None):
        self.connection = connection
        self.model = model
        self.ids = IdAllocator(connection, model)
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        others = [f for f in opts.concrete_fields if not f.primary_key and f not in given]
        constants = []
        for f in others:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                value = ""
            else:
                raise ValueError(f"{opts.label}.{f.name} needs a value: add it to the fields.")
            constants.append(f.get_db_prep_save(value, connection))
        self.constants = tuple(constants)
        self.columns = [opts.pk.column, *(f.column for f in given), *(f.column for f in others)]
        self.converters = [self._converter(f) for f in given]
        self.needs_conversion = any(c is not None for c in self.converters)

    def _converter(self, field):
        if (
            isinstance(field, models.UUIDField)
            and not self.connection.features.has_native_uuid_field
        ):
            return lambda v: v.hex if isinstance(v, uuid_module.UUID) else v
        if isinstance(field, models.DateTimeField | models.DateField):
            cache: dict = {}  # a bulk write uses one timestamp: convert it once

            def convert(value):
                if value not in cache:
                    cache[value] = field.get_db_prep_save(value, self.connection)
                return cache[value]

            return convert
        return None

    def insert(self, rows: list[tuple]) -> None:
        """Insert ``rows``, each ``(pk, value per field...)``."""
        if not rows:
            return
        constants = self.constants
        if self.needs_conversion:
            converters = self.converters
            rows = [
                (
                    row[0],
                    *(
                        v if c is None or v is None else c(v)
                        for c, v in zip(converters, row[1:], strict=True)
                    ),
                    *constants,
                )
                for row in rows
            ]
        else:
            rows = [(*row, *constants) for row in rows]
        qn = self.connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        columns = ", ".join(qn(c) for c in self.columns)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                    rows,
                )
