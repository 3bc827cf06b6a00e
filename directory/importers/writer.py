"""Write organisation records to the database in bulk, as live (published) rows.

Choice (documented in docs/import-export.md): bulk-written organisations are inserted as LIVE
rows without an initial Wagtail revision. With DraftStateMixin the row *is* the published
content, so the public site, the API and the search read them correctly; Wagtail creates the
first revision when someone first edits the organisation. Writing one revision per organisation
would need each organisation's full cluster serialised and a second update of every row, which
is what makes bulk imports slow; we keep the import fast and the history starts at the first
edit. Publish signals are not sent per row (that would index 100,000 times); callers queue one
search-index update for ``BulkWriter.written_ids`` (``importers.indexing``).

The writer creates rows in batches: organisations, then their locations, services, tags and
many-to-many links, each with one ``bulk_create`` per batch. Slugs are made unique against the
database and the batch without a query per row.
"""

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

BATCH_SIZE = 1000


class BulkWriter:
    """Inserts batches of ``OrganisationRecord`` as live organisations (see module docstring)."""

    def __init__(self, batch_size: int = BATCH_SIZE):
        from directory.models import Organisation

        self.batch_size = batch_size
        self.now = timezone.now()
        self.slugs = set(Organisation.objects.values_list("slug", flat=True).iterator())
        self._theme_tags: dict[str, int] = {}
        self.written = 0
        self.written_ids: list[int] = []
        self._pending: list = []

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
        return [self._theme_tags[n] for n in names]

    def write_batch(self, records: list) -> None:  # noqa: C901 - one linear bulk pipeline
        from directory.models import Location, Organisation, Service, ServicePhase, ServiceTheme

        now = self.now
        organisations = [
            Organisation(
                uuid=r.uuid,
                slug=self.unique_slug(r.name, r.slug),
                name=r.name,
                description=r.description,
                organisation_type_id=r.organisation_type_id,
                kvk_number=r.kvk_number,
                website=r.website,
                email=r.email,
                phone=r.phone,
                is_member=r.is_member,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                last_reviewed_at=now,
            )
            for r in records
        ]
        Organisation.objects.bulk_create(organisations, batch_size=self.batch_size)
        if any(o.pk is None for o in organisations):  # backends without RETURNING
            by_uuid = dict(
                Organisation.objects.filter(uuid__in=[o.uuid for o in organisations]).values_list(
                    "uuid", "pk"
                )
            )
            for o in organisations:
                o.pk = by_uuid[o.uuid]

        locations, location_owner = [], []
        for org, record in zip(organisations, records, strict=True):
            for order, loc in enumerate(record.locations):
                locations.append(
                    Location(
                        organisation_id=org.pk,
                        sort_order=order,
                        uuid=loc.uuid,
                        name=loc.name,
                        address=loc.address,
                        postcode=loc.postcode,
                        place=loc.place,
                        municipality_id=loc.municipality_id,
                        latitude=loc.latitude,
                        longitude=loc.longitude,
                        opening_hours=loc.opening_hours,
                        accessibility=loc.accessibility,
                    )
                )
                location_owner.append(org.pk)
        Location.objects.bulk_create(locations, batch_size=self.batch_size)
        self._fill_pks(Location, locations)
        location_pks = {}
        position = 0
        for org, record in zip(organisations, records, strict=True):
            location_pks[org.pk] = [
                loc.pk for loc in locations[position : position + len(record.locations)]
            ]
            position += len(record.locations)

        services, service_records, service_owner = [], [], []
        for org, record in zip(organisations, records, strict=True):
            for order, svc in enumerate(record.services):
                services.append(
                    Service(
                        organisation_id=org.pk,
                        sort_order=order,
                        uuid=svc.uuid,
                        name=svc.name,
                        description=svc.description,
                        audience=svc.audience,
                        cost=svc.cost,
                        how_to_apply=svc.how_to_apply,
                    )
                )
                service_records.append(svc)
                service_owner.append(org.pk)
        Service.objects.bulk_create(services, batch_size=self.batch_size)
        self._fill_pks(Service, services)

        phase_rows, theme_rows, svc_lang_rows, svc_loc_rows = [], [], [], []
        svc_languages = Service.languages.through
        svc_locations = Service.locations.through
        for service, svc, owner in zip(services, service_records, service_owner, strict=True):
            phase_rows += [
                ServicePhase(content_object_id=service.pk, tag_id=t) for t in svc.phase_tag_ids
            ]
            theme_rows += [
                ServiceTheme(content_object_id=service.pk, tag_id=t)
                for t in self.theme_tag_ids(svc.themes)
            ]
            svc_lang_rows += [
                svc_languages(service_id=service.pk, language_id=lang) for lang in svc.language_ids
            ]
            pks = location_pks[owner]
            svc_loc_rows += [
                svc_locations(service_id=service.pk, location_id=pks[i])
                for i in svc.location_indexes
                if i < len(pks)
            ]
        ServicePhase.objects.bulk_create(phase_rows, batch_size=self.batch_size)
        ServiceTheme.objects.bulk_create(theme_rows, batch_size=self.batch_size)
        svc_languages.objects.bulk_create(svc_lang_rows, batch_size=self.batch_size)
        svc_locations.objects.bulk_create(svc_loc_rows, batch_size=self.batch_size)

        org_languages = Organisation.languages.through
        org_municipalities = Organisation.municipalities.through
        org_languages.objects.bulk_create(
            [
                org_languages(organisation_id=o.pk, language_id=lang)
                for o, r in zip(organisations, records, strict=True)
                for lang in dict.fromkeys(r.language_ids)
            ],
            batch_size=self.batch_size,
        )
        org_municipalities.objects.bulk_create(
            [
                org_municipalities(organisation_id=o.pk, municipality_id=m)
                for o, r in zip(organisations, records, strict=True)
                for m in dict.fromkeys(r.municipality_ids)
            ],
            batch_size=self.batch_size,
        )
        self.written += len(organisations)
        self.written_ids += [o.pk for o in organisations]

    @staticmethod
    def _fill_pks(model, objects) -> None:
        """Fetch primary keys by uuid where the backend did not return them."""
        missing = [o for o in objects if o.pk is None]
        if not missing:
            return
        by_uuid = dict(
            model.objects.filter(uuid__in=[o.uuid for o in missing]).values_list("uuid", "pk")
        )
        for o in missing:
            o.pk = by_uuid[o.uuid]


def supports_returning() -> bool:
    """Whether bulk_create returns primary keys on this database (SQLite 3.35+, PostgreSQL)."""
    return connection.features.can_return_rows_from_bulk_insert
