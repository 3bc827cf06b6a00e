"""CSV export: what the user may see, in the import's columns, safe for spreadsheets."""

import csv
import io

import pytest

from directory.exporters.csv_export import EXPORT_COLUMNS, export_csv
from directory.exporters.visibility import visible_to
from directory.importers.csv_import import CsvImporter
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def rows(queryset):
    return list(csv.DictReader(io.StringIO("".join(export_csv(queryset)))))


def test_anonymous_export_has_only_live_organisations(world):
    world.organisation("Fictieve Live", phases=[world.intake])
    world.organisation("Fictieve Concept", live=False)
    result = rows(visible_to(None))
    assert [r["naam"] for r in result] == ["Fictieve Live"]
    assert result[0]["fasen"] == world.intake.slug
    assert list(result[0]) == EXPORT_COLUMNS


def test_member_sees_its_own_unpublished_organisation_but_not_others(world, django_user_model):
    from directory.models import Membership, Role

    own = world.organisation("Fictieve Eigen Concept", live=False)
    world.organisation("Fictieve Andermans Concept", live=False)
    user = django_user_model.objects.create_user("lid", "lid@voorbeeld.invalid", "x")
    Membership.objects.create(user=user, organisation=own, role=Role.EDITOR)
    names = {r["naam"] for r in rows(visible_to(user))}
    assert "Fictieve Eigen Concept" in names
    assert "Fictieve Andermans Concept" not in names


def test_formula_cells_are_neutralised(world):
    world.organisation('=HYPERLINK("http://kwaad.invalid")', phone="+31 30 123 4567")
    row = rows(visible_to(None))[0]
    assert row["naam"].startswith("'=")
    assert row["telefoon"] == "+31 30 123 4567"


def test_export_round_trips_through_the_import(world):
    world.organisation("Fictieve Rondreis", phases=[world.work], languages=[world.arabic])
    text = "".join(export_csv(visible_to(None)))
    Organisation.objects.all().delete()
    report = CsvImporter().run(io.BytesIO(text.encode()), dry_run=False)
    assert report.ok, report.errors
    org = Organisation.objects.get(name="Fictieve Rondreis")
    assert list(org.languages.values_list("code", flat=True)) == ["ar"]


def test_export_query_count_does_not_grow_with_size(world, django_assert_max_num_queries):
    for i in range(30):
        world.organisation(f"Fictieve Telstichting {i}", phases=[world.intake])
    with django_assert_max_num_queries(12):
        assert len(rows(visible_to(None))) == 30
