"""The bulk writer: plain-row inserts with ids allocated up front, and an initial revision per
organisation whose content is exactly what Wagtail itself would serialise."""

import io
import json
import random

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from taggit.models import Tag

from directory.importers.csv_import import CsvImporter
from directory.importers.records import LocationRecord, OrganisationRecord, ServiceRecord
from directory.importers.writer import BulkWriter
from directory.models import Location, Organisation, Service
from search.query import DirectoryQuery

pytestmark = pytest.mark.django_db

HEADER = "naam,type,kvk_nummer,website,email,lid,adres,postcode,talen,dienst,fasen,themas\n"


def _as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_imported_organisation_has_an_initial_revision_equal_to_its_serialised_row(world):
    text = (
        HEADER + "Fictieve Stichting Een,sociaal-werk,12345678,https://een.example.org,"
        f"info@een.invalid,ja,Voorbeeldstraat 1,3511 AB,ar;nl,Taalcafé,{world.intake.slug},"
        "taalcafe;ontmoeting\n"
    )
    report = CsvImporter().run(io.BytesIO(text.encode()), dry_run=False)
    assert report.ok, report.errors
    org = Organisation.objects.get(name="Fictieve Stichting Een")
    revision = org.revisions.get()
    assert org.latest_revision == revision and org.live_revision == revision
    assert revision.object_str == org.name and revision.created_at == org.last_published_at

    assert org.updated_at == org.created_at == revision.created_at
    expected = _as_json(org.serializable_data())
    # Wagtail serialises before it points the row at the new revision; serializable_data()
    # stamps auto_now fields with the time of the call.
    expected.update(latest_revision=None, live_revision=None)
    expected["updated_at"] = _as_json({"t": revision.created_at})["t"]
    assert revision.content == expected

    restored = revision.as_object()
    assert restored.pk == org.pk and restored.name == org.name
    assert [loc.postcode for loc in restored.locations.all()] == ["3511 AB"]
    service = restored.services.get()
    assert service.name == "Taalcafé"
    assert [item.tag.phase for item in service.phase_items.all()] == [world.intake]
    assert {item.tag.name for item in service.theme_items.all()} == {"taalcafe", "ontmoeting"}
    assert list(service.locations.all()) == list(Location.objects.filter(organisation=org))


def test_editing_an_imported_organisation_continues_its_history(world):
    text = HEADER + "Fictieve Stichting Twee,,,,,,Demolaan 2,8011AB,,,,\n"
    assert CsvImporter().run(io.BytesIO(text.encode()), dry_run=False).ok
    org = Organisation.objects.get(name="Fictieve Stichting Twee")
    org.description = "Bijgewerkt."
    org.save_revision().publish()
    assert org.revisions.count() == 2
    assert Organisation.objects.get(pk=org.pk).description == "Bijgewerkt."


def test_writer_allocates_ids_after_existing_rows_and_links_children(world):
    existing = world.organisation("Fictieve Bestaande")
    records = [
        OrganisationRecord(
            name=f"Fictieve Record {i}",
            locations=[LocationRecord(address="Straat 1", postcode="3511 AB")] * 2,
            services=[
                ServiceRecord(name="A", location_indexes=[1], phase_tag_ids=[world.intake_tag.pk]),
                ServiceRecord(name="B", themes=["x", "x"], language_ids=[world.dutch.pk]),
            ],
            language_ids=[world.dutch.pk, world.dutch.pk],
        )
        for i in range(5)
    ]
    # Distinct location uuids (the list above repeats one record object).
    for record in records:
        record.locations = [
            LocationRecord(address="Straat 1", postcode="3511 AB"),
            LocationRecord(address="Straat 2", postcode="3511 AC"),
        ]
    with transaction.atomic():
        writer = BulkWriter(batch_size=2, revisions=False)
        for record in records:
            writer.add(record)
        writer.flush()
    assert writer.written == 5 and min(writer.written_ids) > existing.pk
    for pk in writer.written_ids:
        org = Organisation.objects.get(pk=pk)
        assert org.live and org.latest_revision is None
        assert list(org.languages.all()) == [world.dutch]
        a, b = Service.objects.filter(organisation=org).order_by("sort_order")
        assert [loc.address for loc in a.locations.all()] == ["Straat 2"]
        assert [t.name for t in b.themes.all()] == ["x"]
    assert Location.objects.count() == 11


def test_rows_created_by_the_orm_between_batches_are_not_collided_with(world):
    with transaction.atomic():
        writer = BulkWriter(batch_size=1)
        writer.add(OrganisationRecord(name="Fictieve Eerste"))
        between = Organisation.objects.create(name="Fictieve Tussendoor")
        writer.add(OrganisationRecord(name="Fictieve Tweede"))
        writer.flush()
    assert Organisation.objects.count() == 3
    assert between.pk not in writer.written_ids
    if connection.vendor == "sqlite":
        # SQLite ids are counted from MAX(id): the second batch must start past the ORM's row.
        # (PostgreSQL's come from the sequence, reserved a batch ahead: unique, not ordered.)
        assert writer.written_ids[1] > between.pk
    # ... and the ORM's next row does not collide with the writer's ids either.
    after = Organisation.objects.create(name="Fictieve Daarna")
    assert after.pk not in writer.written_ids and Organisation.objects.count() == 4


def test_an_error_in_any_batch_rolls_back_every_batch(world):
    """A row that breaks a constraint fails the whole write (on PostgreSQL the batches are
    copied in a background thread: its error must still reach the caller, as Django's)."""
    # Later batches need queries (new theme tags): the error must still be the write's own,
    # not PostgreSQL's "current transaction is aborted".
    records = [
        OrganisationRecord(
            name=f"Fictieve Goed {i}", services=[ServiceRecord(name="D", themes=[f"t{i}"])]
        )
        for i in range(4)
    ]
    # The second batch repeats the first one's uuid (unique: checked at once, on any database).
    records.insert(1, OrganisationRecord(name="Fictieve Fout", uuid=records[0].uuid))
    with pytest.raises(IntegrityError), transaction.atomic():
        writer = BulkWriter(batch_size=1)
        for record in records:
            writer.add(record)
        writer.flush()
    assert not Organisation.objects.filter(name__startswith="Fictieve ").exists()


def test_foreign_keys_are_deferred_again_after_the_writer(world):
    """The writer checks its foreign keys per statement while it writes; afterwards the
    transaction is back to Django's deferred checks, which code after it may rely on."""
    with transaction.atomic():
        writer = BulkWriter()
        writer.add(OrganisationRecord(name="Fictieve Eerst"))
        writer.flush()
        later = max(writer.written_ids) + 1000
        # A link to an organisation that exists only at commit: fine when deferred.
        Organisation.languages.through.objects.create(organisation_id=later, language=world.dutch)
        Organisation.objects.create(pk=later, name="Fictieve Later")
    assert list(Organisation.objects.get(pk=later).languages.all()) == [world.dutch]


def _rich_records(world):
    utrecht, zwolle = world.utrecht, world.zwolle
    return [
        OrganisationRecord(
            name="Fictieve Alles",
            description="Beschrijving.",
            organisation_type_id=world.language_school.pk,
            is_member=True,
            language_ids=[world.arabic.pk, world.dutch.pk, world.arabic.pk],
            municipality_ids=[zwolle.pk, utrecht.pk, zwolle.pk],
            locations=[
                LocationRecord(
                    address="Straat 1",
                    postcode="8011 AB",
                    place="Zwolle",
                    municipality_id=zwolle.pk,
                    latitude=52.5123,
                    longitude=6.0945,
                ),
                LocationRecord(address="Straat 2", postcode="1234 AB", place="Nergens"),
                LocationRecord(address="Straat 3", postcode="3511 AB", municipality_id=utrecht.pk),
            ],
            services=[
                ServiceRecord(
                    name="Taalcafé",
                    description="Oefenen.",
                    audience="Nieuwkomers",
                    phase_tag_ids=[world.work_tag.pk, world.intake_tag.pk, world.work_tag.pk],
                    themes=["taal", "ontmoeting", "taal"],
                    language_ids=[world.dutch.pk, world.arabic.pk],
                    location_indexes=[0, 2],
                ),
                ServiceRecord(name="Spreekuur", themes=["ontmoeting", "Nieuw Thema"]),
                ServiceRecord(name="Leeg"),
            ],
        ),
        OrganisationRecord(name="Fictieve Kaal"),
        OrganisationRecord(
            name="Fictieve Half",
            organisation_type_id=world.social.pk,
            services=[ServiceRecord(name="Werk", phase_tag_ids=[world.intake_tag.pk])],
        ),
    ]


def test_documents_from_the_writer_equal_the_documents_read_back(world):
    """The demo generator indexes from what the writer kept (no read-back): those documents
    must be exactly what the index builds from the database for the same organisations."""
    from directory.management.commands.generate_demo_organisations import Command
    from search.registry import registry

    Tag.objects.create(name="taal", slug="taal")  # an existing theme tag, and new ones
    command = Command()
    vocab = command._vocabularies()
    rng = random.Random(5)
    records = _rich_records(world) + [command._organisation(rng, i, vocab) for i in range(25)]
    with transaction.atomic():
        writer = BulkWriter(batch_size=7, keep_written=True)
        for record in records:
            writer.add(record)
        writer.flush()
    index = registry.get("directory")
    from_writer = index.build_documents_from_written(writer.written_organisations)
    read_back = index.build_documents(writer.written_ids)
    assert len(read_back) == len(records) == len(from_writer)
    assert from_writer == read_back
    rich = read_back[0]  # not trivially equal: everything a document has is there
    assert rich.facets["municipality"] == ["zwolle", "utrecht"]
    assert rich.facets["language"] == ["ar", "nl"]
    assert rich.facets["phase"] == [world.work.slug, world.intake.slug]
    assert rich.facets["theme"] == ["taal", "ontmoeting", "nieuw-thema"]
    assert rich.facets["organisation_type"] == ["taalaanbieder"]
    assert rich.points == [(52.5123, 6.0945)]
    assert rich.body == "Beschrijving.\nTaalcafé\nOefenen.\nNieuwkomers\nSpreekuur\nLeeg"
    assert "Nergens" in rich.keywords and rich.is_member


def test_demo_generator_indexes_what_a_rebuild_from_the_database_indexes(world):
    """End to end: the search store after generate_demo_organisations (documents from the
    writer) answers exactly as after a rebuild from the database."""
    from django.core.management import call_command

    from search import get_backend
    from search.registry import registry

    call_command("generate_demo_organisations", "30", "--seed", "4", stdout=io.StringIO())
    backend = get_backend()
    assert backend.count() == 30
    location = Location.objects.order_by("pk").first()
    queries = [
        DirectoryQuery(text="fictieve", page_size=50),
        DirectoryQuery(text="taalcafe", page_size=50),
        DirectoryQuery(text="wegwijs", page_size=50),
        DirectoryQuery(near_point=(location.latitude, location.longitude), radius_km=80),
        DirectoryQuery(members_only=True, page_size=50),
    ]

    def answers():
        return [
            (result.ids, result.total, result.facets)
            for result in (backend.search(query) for query in queries)
        ]

    generated = answers()
    assert generated[0][1] == 30 and sum(generated[0][2]["phases"].values()) > 0
    backend.rebuild(registry.get("directory"))
    assert answers() == generated


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_revisions_are_compressed_with_lz4_and_the_setting_is_restored(world):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = %s",
            ["default_toast_compression"],
        )
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL has no lz4")
        cursor.execute("SHOW default_toast_compression")
        before = cursor.fetchone()[0]
        with transaction.atomic():
            writer = BulkWriter()
            writer.add(OrganisationRecord(name="Fictieve Lang", description="lange tekst " * 400))
            writer.flush()
            cursor.execute("SHOW default_toast_compression")
            assert cursor.fetchone()[0] == before
        cursor.execute(
            "SELECT pg_column_compression(content) FROM wagtailcore_revision WHERE id = %s",
            [Organisation.objects.get(pk=writer.written_ids[0]).latest_revision_id],
        )
        assert cursor.fetchone()[0] == "lz4"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_bulk_write_leaves_the_planner_statistics_of_what_it_filled(world, monkeypatch):
    """Without them (autovacuum later, or never) the directory page's prefetches were planned as
    sequential scans of every location at 100,000 organisations."""
    from django.test.utils import CaptureQueriesContext

    from directory.importers import writer as writer_module

    def reltuples(table):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]

    def write(count):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            writer = BulkWriter(batch_size=2)
            for i in range(count):
                writer.add(
                    OrganisationRecord(
                        name=f"Fictieve Statistiek {count}-{i}",
                        locations=[LocationRecord(address="Straat 1", postcode="3511 AB")],
                    )
                )
            writer.flush()
        return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]

    monkeypatch.setattr(writer_module, "ANALYZE_AFTER_ROWS", 3)
    assert write(2) == []  # a small write: the statistics are left to autovacuum
    [analyze] = write(3)
    assert '"directory_location"' in analyze and '"directory_organisation"' in analyze
    assert reltuples("directory_location") >= 5  # counted, the rows of this transaction too
