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

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from .fastinsert import TableInserter

BATCH_SIZE = 1000

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


def _json_native(data: dict) -> dict:
    """``serializable_data()`` as it comes back from a Revision's JSON (DjangoJSONEncoder)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


class RevisionContent:
    """Builds the JSON a Wagtail revision of an organisation holds, without model instances.

    Templates come from ``serializable_data()`` of empty instances, so fields and child
    relations added later (plugins' sections, say) are present with their defaults; the writer
    fills in what it wrote."""

    def __init__(self, now):
        from modelcluster.models import get_serializable_data_for_fields

        from directory.models import Location, Organisation, Service

        self.now = DjangoJSONEncoder().default(now)
        organisation = _json_native(Organisation().serializable_data())
        for key in ("first_published_at", "last_published_at", "created_at", "updated_at"):
            organisation[key] = self.now
        self.organisation = organisation
        self.location = _json_native(get_serializable_data_for_fields(Location()))
        self.service = _json_native(Service().serializable_data())
        self.dumps = json.JSONEncoder(ensure_ascii=True, separators=(", ", ": ")).encode

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

    def __init__(self, batch_size: int = BATCH_SIZE, revisions: bool = True):
        from wagtail.models import Revision

        from directory.models import (
            Location,
            Organisation,
            Service,
            ServicePhase,
            ServiceTheme,
        )

        self.batch_size = batch_size
        self.now = timezone.now()
        self.slugs = set(Organisation.objects.values_list("slug", flat=True).iterator())
        self._theme_tags: dict[str, int] = {}
        self.written = 0
        self.written_ids: list[int] = []
        self._pending: list = []
        now = self.now
        self.organisations = TableInserter(connection, Organisation, ORGANISATION_FIELDS, now)
        self.locations = TableInserter(connection, Location, LOCATION_FIELDS, now)
        self.services = TableInserter(connection, Service, SERVICE_FIELDS, now)
        self.phases = TableInserter(connection, ServicePhase, ["content_object", "tag"], now)
        self.themes = TableInserter(connection, ServiceTheme, ["content_object", "tag"], now)
        self.service_languages = TableInserter(
            connection, Service.languages.through, ["service", "language"], now
        )
        self.service_locations = TableInserter(
            connection, Service.locations.through, ["service", "location"], now
        )
        self.organisation_languages = TableInserter(
            connection, Organisation.languages.through, ["organisation", "language"], now
        )
        self.organisation_municipalities = TableInserter(
            connection, Organisation.municipalities.through, ["organisation", "municipality"], now
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
            self.revision_content = RevisionContent(now)

    def add(self, record) -> None:
        """Queue one record; flushes a batch when it is full."""
        self._pending.append(record)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self.write_batch(self._pending)
            self._pending = []

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

    def write_batch(self, records: list) -> None:  # noqa: C901 - one linear bulk pipeline
        now = self.now
        org_ids = self.organisations.ids.take(len(records))
        location_ids = iter(self.locations.ids.take(sum(len(r.locations) for r in records)))
        services_count = sum(len(r.services) for r in records)
        service_ids = iter(self.services.ids.take(services_count))
        phase_ids = iter(
            self.phases.ids.take(
                sum(len(set(s.phase_tag_ids)) for r in records for s in r.services)
            )
        )
        theme_tags = {
            id(s): self.theme_tag_ids(s.themes) for r in records for s in r.services if s.themes
        }
        theme_ids = iter(self.themes.ids.take(sum(len(t) for t in theme_tags.values())))
        revision_ids = iter(self.revisions.ids.take(len(records)) if self.revisions else [])

        org_rows, loc_rows, svc_rows, phase_rows, theme_rows = [], [], [], [], []
        svc_lang, svc_loc, org_lang, org_muni, revision_rows = [], [], [], [], []
        content = self.revision_content if self.revisions else None
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
            org_lang += [(org_id, lang) for lang in dict.fromkeys(r.language_ids)]
            org_muni += [(org_id, m) for m in dict.fromkeys(r.municipality_ids)]
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

        self.organisations.insert(org_rows)
        if self.revisions:
            self.revisions.insert(revision_rows)
        self.locations.insert(loc_rows)
        self.services.insert(svc_rows)
        self.phases.insert(phase_rows)
        self.themes.insert(theme_rows)
        self.service_languages.insert(self._numbered(self.service_languages, svc_lang))
        self.service_locations.insert(self._numbered(self.service_locations, svc_loc))
        self.organisation_languages.insert(self._numbered(self.organisation_languages, org_lang))
        self.organisation_municipalities.insert(
            self._numbered(self.organisation_municipalities, org_muni)
        )
        self.written += len(records)
        self.written_ids += org_ids

    @staticmethod
    def _numbered(inserter, rows):
        return [(pk, *row) for pk, row in zip(inserter.ids.take(len(rows)), rows, strict=True)]
