"""Plain-row bulk inserts for the bulk writer: no model instances, ids allocated up front.

``Model.objects.bulk_create`` builds a model instance per row and compiles every field of every
row in Python; at 100,000 organisations (a million rows over all tables) that was most of an
import's time. ``TableInserter`` writes tuples instead: the columns a caller varies per row,
plus every other column filled once from the field's default (``auto_now``/``auto_now_add``
get the writer's timestamp). SQLite gets one ``executemany`` per batch (a C loop), PostgreSQL
``COPY``.

Primary keys are allocated before the insert, so parents, children and revisions can point at
each other in one pass (no read-back by uuid, no second update):

- PostgreSQL: ``nextval`` of the table's sequence (safe with concurrent writers). Ids can be
  reserved ahead (``IdAllocator.reserve``), so that building the next batch does not wait for
  the connection while a ``COPY`` is running; unused reserved ids are gaps, as a rolled-back
  insert leaves them.
- SQLite: ``MAX(id)`` (or the AUTOINCREMENT counter, if higher) plus one. That is safe
  because the allocator first takes SQLite's write lock with a no-op ``UPDATE``: from then
  until the transaction ends no other connection can insert, and SQLite moves its
  AUTOINCREMENT counter past the explicit ids itself.

On PostgreSQL, ``BackgroundCopier`` runs a batch's ``COPY`` statements in a thread while the
caller builds the next batch: the server's work (parsing, index maintenance, foreign-key
checks) and the Python work overlap instead of taking turns (see the class).

Only use inside ``transaction.atomic()`` (the writers do): the lock and the all-or-nothing
guarantee both depend on it.
"""

from __future__ import annotations

import threading
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
        self._sequence: str | None = None
        self._pool: list[int] = []  # PostgreSQL: ids reserved from the sequence, not yet used

    def take(self, count: int) -> list[int]:
        if count <= 0:
            return []
        if self.connection.vendor == "postgresql":
            if len(self._pool) < count:
                self._pool += self._nextval(count - len(self._pool))
            ids, self._pool = self._pool[:count], self._pool[count:]
            return ids
        qn = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
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

    def has(self, count: int) -> bool:
        """Whether ``take(count)`` can answer without a query (PostgreSQL: from the ids
        reserved; SQLite always queries)."""
        return self.connection.vendor == "postgresql" and len(self._pool) >= count

    def reserve(self, count: int) -> None:
        """PostgreSQL: make sure ``count`` ids can be taken without a query (a no-op on
        SQLite, whose ids are counted, not fetched)."""
        if self.connection.vendor == "postgresql" and len(self._pool) < count:
            self._pool += self._nextval(count - len(self._pool))

    def _nextval(self, count: int) -> list[int]:
        with self.connection.cursor() as cursor:
            if self._sequence is None:
                # Looked up once: inside the SELECT below it would run once per id (a function
                # call per row), which was most of the allocation's cost.
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, %s)", [self.table, self.pk_column]
                )
                self._sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                [self._sequence, count],
            )
            return [row[0] for row in cursor.fetchall()]


class TableInserter:
    """Inserts rows of ``(pk, *values of `fields`)`` into a model's table; the other columns get
    their defaults. Values are passed as the database adapter takes them (ints for foreign
    keys, str, float, bool, None); UUIDs and datetimes are converted here per vendor.

    With ``with_pk=False`` rows are just the field values and the database numbers them (its
    sequence or AUTOINCREMENT): for rows nothing points at, such as many-to-many links, where
    allocating ids up front would only cost a round trip per batch."""

    def __init__(self, connection, model, fields: list[str], now=None, with_pk: bool = True):
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
        self.with_pk = with_pk
        columns = [
            *([opts.pk.column] if with_pk else []),
            *(f.column for f in given),
            *(f.column for f in others),
        ]
        self.columns = columns
        self.converters = [self._converter(f) for f in given]
        self.needs_conversion = any(c is not None for c in self.converters)
        qn = connection.ops.quote_name
        table, names = qn(opts.db_table), ", ".join(qn(c) for c in columns)
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.sql = f"COPY {table} ({names}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            self.sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608

    def _converter(self, field):
        if (
            isinstance(field, models.UUIDField)
            and not self.connection.features.has_native_uuid_field
        ):
            return lambda v: v.hex if isinstance(v, uuid_module.UUID) else v
        if isinstance(field, models.DateTimeField | models.DateField):
            if self.connection.vendor == "postgresql":
                return None  # psycopg adapts date and datetime objects itself (Django does too)
            cache: dict = {}  # a bulk write uses one timestamp: convert it once

            def convert(value):
                if value not in cache:
                    cache[value] = field.get_db_prep_save(value, self.connection)
                return cache[value]

            return convert
        return None

    def prepare(self, rows: list[tuple]) -> list[tuple]:
        """``rows`` (each ``(pk, value per field...)``, without the pk if not ``with_pk``) as
        the database takes them: converted values plus the constant columns."""
        constants = self.constants
        if self.needs_conversion:
            converters = self.converters
            skip = 1 if self.with_pk else 0
            return [
                (
                    *row[:skip],
                    *(
                        v if c is None or v is None else c(v)
                        for c, v in zip(converters, row[skip:], strict=True)
                    ),
                    *constants,
                )
                for row in rows
            ]
        return [(*row, *constants) for row in rows]

    def insert(self, rows: list[tuple]) -> None:
        """Insert ``rows`` now, through the Django connection."""
        if not rows:
            return
        rows = self.prepare(rows)
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                self.copy(cursor.cursor, rows)
            else:
                cursor.executemany(self.sql, rows)

    def copy(self, raw_cursor, prepared: list[tuple]) -> None:
        """PostgreSQL: ``COPY`` prepared rows through a psycopg cursor."""
        with raw_cursor.copy(self.sql) as copy:
            write_row = copy.write_row
            for row in prepared:
                write_row(row)


class BackgroundCopier:
    """PostgreSQL: runs a batch's ``COPY`` statements in a background thread, so that the
    caller builds the next batch (records, rows, revision JSON) while the server stores this
    one. Without it the two take turns: at 100,000 organisations the server's part (index
    maintenance, foreign-key checks, jsonb) is as long as the Python part.

    One batch is in flight at a time (``submit`` first waits for the previous one), so memory
    holds two batches at most. The thread uses the same psycopg connection, hence the same
    transaction; psycopg serialises its use, so a query the caller sends meanwhile (a new theme
    tag, say) simply waits for the running ``COPY``. An error in the thread is raised, as
    Django's database exception, by the next ``submit`` or ``wait``; the caller's
    ``transaction.atomic()`` then rolls everything back."""

    def __init__(self, connection):
        self.connection = connection
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def submit(self, work: list[tuple[TableInserter, list[tuple]]]) -> None:
        """Start inserting ``work`` (inserter, prepared rows), in this order, in the thread."""
        self.wait()
        self.connection.ensure_connection()
        raw = self.connection.connection
        self._thread = threading.Thread(
            target=self._run, args=(raw, work), name="bulk-writer-copy", daemon=True
        )
        self._thread.start()

    def _run(self, raw, work) -> None:
        try:
            with raw.cursor() as cursor:
                for inserter, rows in work:
                    if rows:
                        inserter.copy(cursor, rows)
        except BaseException as exc:  # handed to the caller's thread by wait()
            self._error = exc

    def wait(self) -> None:
        """Wait for the batch in flight; raise its error, if any."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            with self.connection.wrap_database_errors:
                raise error
