"""Write organisation records to the database in bulk, as live (published) rows.

Bulk-written organisations are inserted as LIVE rows, each with an initial Wagtail revision
(``Revision`` rows written in the same pass, the organisation's ``latest_revision`` and
``live_revision`` pointing at it), so the history, "compare" and "revert" in the admin start at
the import like for an organisation created by hand. The revision content is built from the
same values as the rows, in exactly the shape ``serializable_data()`` gives (a test checks it),
and serialised with the C JSON encoder, which is what keeps this cheap: no model instance, no
second update of the rows. Publish signals are not sent per row (that would index 100,000
times); callers index ``BulkWriter.written_ids`` once (``importers.indexing``).

The writer creates rows in batches: organisations and their revisions, then locations,
services, tags and many-to-many links, with one ``executemany`` (SQLite) or ``COPY``
(PostgreSQL) per table per batch (``fastinsert``): primary keys are allocated up front, so
children point at their parents without reading anything back. Slugs are made unique against
the database and the batch without a query per row. Must run inside ``transaction.atomic()``.
"""

import json
from typing import NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.text import slugify

from .fastinsert import BackgroundCopier, TableInserter

BATCH_SIZE = 1000
# A bulk write of at least this many organisations refreshes PostgreSQL's planner statistics.
ANALYZE_AFTER_ROWS = 10_000

ORGANISATION_FIELDS = [
    "uuid",
    "slug",
    "name",
    "description",
    "organisation_type",
    "kvk_number",
    "website",
    "email",
    "phone",
    "is_member",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "last_reviewed_at",
    "latest_revision",
    "live_revision",
]
LOCATION_FIELDS = [
    "organisation",
    "sort_order",
    "uuid",
    "name",
    "address",
    "postcode",
    "place",
    "municipality",
    "latitude",
    "longitude",
    "opening_hours",
    "accessibility",
]
SERVICE_FIELDS = [
    "organisation",
    "sort_order",
    "uuid",
    "name",
    "description",
    "audience",
    "cost",
    "how_to_apply",
]


class WrittenService(NamedTuple):
    name: str
    description: str
    audience: str
    language_ids: list[int]
    phase_tag_ids: list[int]
    theme_tag_ids: list[int]


class WrittenOrganisation(NamedTuple):
    """What the search index needs of a written organisation (``keep_written``), with the
    ids as written: deduplicated, in the order of the rows."""

    pk: int
    name: str
    description: str
    is_member: bool
    organisation_type_id: int | None
    municipality_ids: list[int]
    language_ids: list[int]
    locations: list[tuple]  # (latitude, longitude, place, municipality_id)
    services: list[WrittenService]


def _json_native(data: dict) -> dict:
    """``serializable_data()`` as it comes back from a Revision's JSON (DjangoJSONEncoder)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


class RevisionContent:
    """Builds the JSON a Wagtail revision of an organisation holds, without model instances.

    Templates come from ``serializable_data()`` of empty instances, so fields and child
    relations added later (plugins' sections, say) are present with their defaults; the writer
    fills in what it wrote."""

    def __init__(self, now, vendor: str = "sqlite"):
        from modelcluster.models import get_serializable_data_for_fields

        from directory.models import Location, Organisation, Service

        self.now = DjangoJSONEncoder().default(now)
        organisation = _json_native(Organisation().serializable_data())
        for key in ("first_published_at", "last_published_at", "created_at", "updated_at"):
            organisation[key] = self.now
        self.organisation = organisation
        self.location = _json_native(get_serializable_data_for_fields(Location()))
        self.service = _json_native(Service().serializable_data())
        # SQLite keeps the text as given: write it as Django's JSONField does (json.dumps'
        # defaults). PostgreSQL's jsonb keeps only the parsed value, so the text can be compact
        # and unescaped (less to encode and to parse). Never circular: plain dicts and lists.
        if vendor == "postgresql":
            options = {"ensure_ascii": False, "separators": (",", ":")}
        else:
            options = {"ensure_ascii": True, "separators": (", ", ": ")}
        self.dumps = json.JSONEncoder(check_circular=False, **options).encode

    def build(self, pk, record, slug, locations, services) -> str:
        now = self.now
        content = dict(self.organisation)
        content.update(
            pk=pk,
            uuid=str(record.uuid),
            slug=slug,
            name=record.name,
            organisation_type=record.organisation_type_id,
            description=record.description,
            website=record.website,
            email=record.email,
            phone=record.phone,
            kvk_number=record.kvk_number,
            is_member=record.is_member,
            live=True,
            has_unpublished_changes=False,
            last_reviewed_at=now,
            locations=locations,
            services=services,
            municipalities=list(dict.fromkeys(record.municipality_ids)),
            languages=list(dict.fromkeys(record.language_ids)),
        )
        return self.dumps(content)


class BulkWriter:
    """Inserts batches of ``OrganisationRecord`` as live organisations (see module docstring)."""

    def __init__(
        self, batch_size: int = BATCH_SIZE, revisions: bool = True, keep_written: bool = False
    ):
        """``keep_written``: also keep a ``WrittenOrganisation`` per organisation in
        ``written_organisations``, so that the caller can index them without reading them back
        (``DirectoryIndex.build_documents_from_written``); a few hundred bytes each."""
        from wagtail.models import Revision

        from directory.models import (
            Location,
            Organisation,
            Service,
            ServicePhase,
            ServiceTheme,
        )

        # The wrapper of this thread's connection, not the ``connection`` proxy: the background
        # copier's thread must use this connection (and so this transaction), not its own.
        connection = connections[DEFAULT_DB_ALIAS]
        self.connection = connection
        self.batch_size = batch_size
        self.now = timezone.now()
        self.slugs = set(Organisation.objects.values_list("slug", flat=True).iterator())
        self._theme_tags: dict[str, int] = {}
        self.written = 0
        self._analyzed_at = 0
        self.written_ids: list[int] = []
        self.written_organisations: list[WrittenOrganisation] | None = [] if keep_written else None
        self._pending: list = []
        now = self.now
        self.organisations = TableInserter(connection, Organisation, ORGANISATION_FIELDS, now)
        self.locations = TableInserter(connection, Location, LOCATION_FIELDS, now)
        self.services = TableInserter(connection, Service, SERVICE_FIELDS, now)
        self.phases = TableInserter(connection, ServicePhase, ["content_object", "tag"], now)
        self.themes = TableInserter(connection, ServiceTheme, ["content_object", "tag"], now)
        self.service_languages = TableInserter(
            connection, Service.languages.through, ["service", "language"], now, with_pk=False
        )
        self.service_locations = TableInserter(
            connection, Service.locations.through, ["service", "location"], now, with_pk=False
        )
        self.organisation_languages = TableInserter(
            connection,
            Organisation.languages.through,
            ["organisation", "language"],
            now,
            with_pk=False,
        )
        self.organisation_municipalities = TableInserter(
            connection,
            Organisation.municipalities.through,
            ["organisation", "municipality"],
            now,
            with_pk=False,
        )
        self.revisions = None
        if revisions:
            template = Organisation()
            self.content_type_id = template.get_content_type().pk
            self.base_content_type_id = template.get_base_content_type().pk
            self.revisions = TableInserter(
                connection,
                Revision,
                [
                    "content_type",
                    "base_content_type",
                    "object_id",
                    "created_at",
                    "object_str",
                    "content",
                ],
                now,
            )
            self.revision_content = RevisionContent(now, connection.vendor)
        self.copier = None
        self._immediate: list[str] = []
        self._toast_compression: str | None = None
        if connection.vendor == "postgresql":
            self.copier = BackgroundCopier(connection)
            self._check_constraints_per_statement()
            self._compress_with_lz4()

    @property
    def _inserters(self) -> list[TableInserter]:
        """Every table, in an order in which each row's foreign keys point at rows already
        inserted (revisions before the organisations that point at them)."""
        tables = [
            self.revisions,
            self.organisations,
            self.locations,
            self.services,
            self.phases,
            self.themes,
            self.service_languages,
            self.service_locations,
            self.organisation_languages,
            self.organisation_municipalities,
        ]
        return [t for t in tables if t is not None]

    def _compress_with_lz4(self) -> None:
        """PostgreSQL: compress what gets TOASTed (a revision's content is over 2 kB) with lz4
        instead of pglz while the writer runs, where the server offers it (14+, built with
        lz4): pglz was a sixteenth of the server's work on a demo write. Per value, so what is
        stored stays readable as ever; ``flush`` restores the previous setting."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT setting FROM pg_settings WHERE name = 'default_toast_compression' "
                "AND 'lz4' = ANY(enumvals)"
            )
            row = cursor.fetchone()
            if row and row[0] != "lz4":
                self._toast_compression = row[0]
                cursor.execute("SELECT set_config('default_toast_compression', 'lz4', true)")

    def _check_constraints_per_statement(self) -> None:
        """PostgreSQL: check the foreign keys of the tables written here at the end of each
        ``COPY`` instead of at commit (Django makes them DEFERRABLE INITIALLY DEFERRED).

        The same checks, the same constraints, run earlier: in the background copier's thread,
        overlapping with the building of the next batch, rather than all at once in the
        ``COMMIT`` while nothing else can happen (about a fifth of a 100,000-organisation
        demo's time), and without the server queueing millions of pending trigger events.
        ``flush`` sets them back to deferred."""
        tables = [t.model._meta.db_table for t in self._inserters]
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT quote_ident(conname) FROM pg_constraint WHERE contype = 'f' "
                "AND condeferrable AND condeferred AND conrelid = ANY(%s::regclass[])",
                [tables],
            )
            self._immediate = [row[0] for row in cursor.fetchall()]
            if self._immediate:
                cursor.execute(f"SET CONSTRAINTS {', '.join(self._immediate)} IMMEDIATE")

    def add(self, record) -> None:
        """Queue one record; writes a batch when it is full."""
        self._pending.append(record)
        if len(self._pending) >= self.batch_size:
            self._write_pending()

    def _write_pending(self) -> None:
        if self._pending:
            self.write_batch(self._pending)
            self._pending = []

    def flush(self) -> None:
        """Write what is queued and wait until every batch is in the database (call it before
        using the rows or ``written_ids``)."""
        self._write_pending()
        if self.copier is not None:
            self.copier.wait()
            with self.connection.cursor() as cursor:
                if self._immediate:
                    cursor.execute(f"SET CONSTRAINTS {', '.join(self._immediate)} DEFERRED")
                    self._immediate = []
                if self._toast_compression:
                    cursor.execute(
                        "SELECT set_config('default_toast_compression', %s, true)",
                        [self._toast_compression],
                    )
                    self._toast_compression = None
            self._analyze_filled_tables()

    def _analyze_filled_tables(self) -> None:
        """PostgreSQL: fresh planner statistics for the tables a bulk write filled.

        Why: until autovacuum analyzes them (a minute or more later; never on a server that
        runs without it) the planner guesses, and at 100,000 organisations it guessed a
        sequential scan of all locations for the directory page's prefetch of 100 (16 ms instead
        of 1 ms, per related table, per request). Only after a bulk write of at least
        `ANALYZE_AFTER_ROWS` organisations: a small import changes nothing the planner needs."""
        if self.connection.vendor != "postgresql" or self.written < ANALYZE_AFTER_ROWS:
            return
        if self._analyzed_at == self.written:
            return
        tables = ", ".join(
            self.connection.ops.quote_name(t.model._meta.db_table) for t in self._inserters
        )
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
        self._analyzed_at = self.written

    def unique_slug(self, name: str, wanted: str = "") -> str:
        base = slugify(wanted or name)[:110] or "organisatie"
        slug, counter = base, 2
        while slug in self.slugs:
            slug = f"{base}-{counter}"
            counter += 1
        self.slugs.add(slug)
        return slug

    def theme_tag_ids(self, names: list[str]) -> list[int]:
        from taggit.models import Tag

        missing = [n for n in names if n not in self._theme_tags]
        if missing:
            for tag in Tag.objects.filter(name__in=missing):
                self._theme_tags[tag.name] = tag.pk
            for name in missing:
                if name not in self._theme_tags:
                    slug = slugify(name)[:90] or "thema"
                    base, counter = slug, 2
                    while Tag.objects.filter(slug=slug).exists():
                        slug = f"{base}-{counter}"
                        counter += 1
                    self._theme_tags[name] = Tag.objects.create(name=name, slug=slug).pk
        return [self._theme_tags[n] for n in dict.fromkeys(names)]

    def _before_queries(self, records, counts) -> None:
        """Wait for the batch being copied if building this one needs the connection (ids
        beyond those reserved, theme tags not seen yet): a query would wait for the ``COPY``
        anyway, and if that ``COPY`` fails its error, not "transaction aborted", must be what
        the caller sees."""
        if self.copier is None:
            return
        themes = (n for r in records for s in r.services for n in s.themes)
        if any(n not in self._theme_tags for n in themes) or any(
            not inserter.ids.has(count) for inserter, count in counts
        ):
            self.copier.wait()

    def write_batch(self, records: list) -> None:  # noqa: C901 - one linear bulk pipeline
        now = self.now
        services = [s for r in records for s in r.services]
        counts = [
            (self.organisations, len(records)),
            (self.locations, sum(len(r.locations) for r in records)),
            (self.services, len(services)),
            (self.phases, sum(len(set(s.phase_tag_ids)) for s in services)),
            (self.themes, sum(len(set(s.themes)) for s in services)),
        ]
        if self.revisions:
            counts.append((self.revisions, len(records)))
        self._before_queries(records, counts)
        org_ids = self.organisations.ids.take(len(records))
        location_ids = iter(self.locations.ids.take(counts[1][1]))
        service_ids = iter(self.services.ids.take(len(services)))
        phase_ids = iter(self.phases.ids.take(counts[3][1]))
        theme_tags = {id(s): self.theme_tag_ids(s.themes) for s in services if s.themes}
        theme_ids = iter(self.themes.ids.take(sum(len(t) for t in theme_tags.values())))
        revision_ids = iter(self.revisions.ids.take(len(records)) if self.revisions else [])

        org_rows, loc_rows, svc_rows, phase_rows, theme_rows = [], [], [], [], []
        svc_lang, svc_loc, org_lang, org_muni, revision_rows = [], [], [], [], []
        content = self.revision_content if self.revisions else None
        kept = self.written_organisations
        for org_id, r in zip(org_ids, records, strict=True):
            slug = self.unique_slug(r.name, r.slug)
            revision_id = next(revision_ids) if content else None
            org_rows.append(
                (
                    org_id,
                    r.uuid,
                    slug,
                    r.name,
                    r.description,
                    r.organisation_type_id,
                    r.kvk_number,
                    r.website,
                    r.email,
                    r.phone,
                    r.is_member,
                    True,
                    False,
                    now,
                    now,
                    now,
                    revision_id,
                    revision_id,
                )
            )
            loc_pks = []
            loc_content = []
            for order, loc in enumerate(r.locations):
                pk = next(location_ids)
                loc_pks.append(pk)
                row = (
                    pk,
                    org_id,
                    order,
                    loc.uuid,
                    loc.name,
                    loc.address,
                    loc.postcode,
                    loc.place,
                    loc.municipality_id,
                    loc.latitude,
                    loc.longitude,
                    loc.opening_hours,
                    loc.accessibility,
                )
                loc_rows.append(row)
                if content:
                    item = dict(content.location)
                    item.update(zip(["pk", *LOCATION_FIELDS], row, strict=True))
                    item["uuid"] = str(loc.uuid)
                    loc_content.append(item)
            svc_content = []
            svc_kept = []
            for order, svc in enumerate(r.services):
                pk = next(service_ids)
                row = (
                    pk,
                    org_id,
                    order,
                    svc.uuid,
                    svc.name,
                    svc.description,
                    svc.audience,
                    svc.cost,
                    svc.how_to_apply,
                )
                svc_rows.append(row)
                phases = [(next(phase_ids), pk, t) for t in dict.fromkeys(svc.phase_tag_ids)]
                themes = [(next(theme_ids), pk, t) for t in theme_tags.get(id(svc), ())]
                languages = list(dict.fromkeys(svc.language_ids))
                locations = [
                    loc_pks[i] for i in dict.fromkeys(svc.location_indexes) if i < len(loc_pks)
                ]
                phase_rows += phases
                theme_rows += themes
                svc_lang += [(pk, lang) for lang in languages]
                svc_loc += [(pk, loc) for loc in locations]
                if kept is not None:
                    svc_kept.append(
                        WrittenService(
                            svc.name,
                            svc.description,
                            svc.audience,
                            languages,
                            [t for _i, _s, t in phases],
                            [t for _i, _s, t in themes],
                        )
                    )
                if content:
                    item = dict(content.service)
                    item.update(zip(["pk", *SERVICE_FIELDS], row, strict=True))
                    item.update(
                        uuid=str(svc.uuid),
                        phase_items=[
                            {"pk": i, "tag": t, "content_object": s} for i, s, t in phases
                        ],
                        theme_items=[
                            {"pk": i, "tag": t, "content_object": s} for i, s, t in themes
                        ],
                        languages=languages,
                        locations=locations,
                    )
                    svc_content.append(item)
            org_languages = list(dict.fromkeys(r.language_ids))
            org_municipalities = list(dict.fromkeys(r.municipality_ids))
            org_lang += [(org_id, lang) for lang in org_languages]
            org_muni += [(org_id, m) for m in org_municipalities]
            if kept is not None:
                kept.append(
                    WrittenOrganisation(
                        org_id,
                        r.name,
                        r.description,
                        r.is_member,
                        r.organisation_type_id,
                        org_municipalities,
                        org_languages,
                        [
                            (x.latitude, x.longitude, x.place, x.municipality_id)
                            for x in r.locations
                        ],
                        svc_kept,
                    )
                )
            if content:
                revision_rows.append(
                    (
                        revision_id,
                        self.content_type_id,
                        self.base_content_type_id,
                        str(org_id),
                        self.now,
                        r.name,
                        content.build(org_id, r, slug, loc_content, svc_content),
                    )
                )

        batch = [
            (self.revisions, revision_rows),
            (self.organisations, org_rows),
            (self.locations, loc_rows),
            (self.services, svc_rows),
            (self.phases, phase_rows),
            (self.themes, theme_rows),
            (self.service_languages, svc_lang),
            (self.service_locations, svc_loc),
            (self.organisation_languages, org_lang),
            (self.organisation_municipalities, org_muni),
        ]
        batch = [(inserter, rows) for inserter, rows in batch if inserter is not None]
        if self.copier is None:
            for inserter, rows in batch:
                inserter.insert(rows)
        else:
            prepared = [(inserter, inserter.prepare(rows)) for inserter, rows in batch if rows]
            self.copier.wait()
            # While the connection is free: ids for the next batch (as many as this one used,
            # plus a margin), so that building it does not wait for this batch's COPY.
            for inserter, rows in batch:
                if inserter.with_pk:
                    inserter.ids.reserve(len(rows) + len(rows) // 4 + 16)
            self.copier.submit(prepared)
        self.written += len(records)
        self.written_ids += org_ids
