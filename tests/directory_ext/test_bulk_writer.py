"""The bulk writer: plain-row inserts with ids allocated up front, and an initial revision per
organisation whose content is exactly what Wagtail itself would serialise."""

import io
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from directory.importers.csv_import import CsvImporter
from directory.importers.records import LocationRecord, OrganisationRecord, ServiceRecord
from directory.importers.writer import BulkWriter
from directory.models import Location, Organisation, Service

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
    assert writer.written_ids[1] > between.pk
