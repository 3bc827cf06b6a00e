"""CSV import: good rows, every bad row reported with line and field, duplicates, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from directory.importers.csv_import import CsvImporter
from directory.models import Location, Organisation, Service

pytestmark = pytest.mark.django_db

HEADER = "naam,type,kvk_nummer,website,email,lid,adres,postcode,talen,dienst,fasen,themas\n"


def run(text, dry_run=False):
    return CsvImporter().run(io.BytesIO(text.encode("utf-8")), dry_run=dry_run)


def good_rows(world):
    return (
        HEADER + "Fictieve Stichting Een,sociaal-werk,12345678,https://een.example.org,"
        f"info@een.invalid,ja,Voorbeeldstraat 1,3511 AB,ar;nl,Taalcafé,{world.intake.slug},"
        "taalcafe;ontmoeting\n"
        + "Fictieve Stichting Twee,Taalaanbieder,,,,nee,Demolaan 2,8011AB,,,,\n"
    )


def test_good_file_imports_everything(world):
    report = run(good_rows(world))
    assert report.ok, report.errors
    assert report.created == 2
    one = Organisation.objects.get(name="Fictieve Stichting Een")
    assert one.live and one.is_member and one.kvk_number == "12345678"
    assert one.organisation_type == world.social
    assert set(one.languages.values_list("code", flat=True)) == {"ar", "nl"}
    location = Location.objects.get(organisation=one)
    assert location.postcode == "3511 AB"
    assert location.municipality == world.utrecht
    assert location.latitude == pytest.approx(52.0928)
    service = Service.objects.get(organisation=one)
    assert list(service.phase_items.values_list("tag__phase__slug", flat=True)) == [
        world.intake.slug
    ]
    assert set(service.theme_items.values_list("tag__name", flat=True)) == {
        "taalcafe",
        "ontmoeting",
    }
    assert list(service.locations.all()) == [location]
    two = Organisation.objects.get(name="Fictieve Stichting Twee")
    assert two.organisation_type == world.language_school
    assert Location.objects.get(organisation=two).municipality == world.zwolle


def test_dry_run_writes_nothing(world):
    report = run(good_rows(world), dry_run=True)
    assert report.ok and report.rows == 2 and report.created == 0
    assert not Organisation.objects.exists()


def test_every_bad_row_is_reported_with_line_and_field_and_nothing_is_written(world):
    text = (
        HEADER
        + "Fictieve Goede Stichting,,,,,,,,,,,\n"  # line 2: fine
        + ",onbekend-type,1234,geen-url,geen-mail,misschien,,,xx,,,\n"  # line 3: many errors
        + '"Fictieve Meerregelige\nStichting",,,,,,Straat 1,1234,,,,\n'  # lines 4-5: bad postcode
        + "Fictieve Fasestichting,,,,,,,,,Dienst,onbekende-fase,\n"  # line 6
    )
    report = run(text)
    assert not report.ok
    assert report.created == 0
    assert not Organisation.objects.exists()
    found = {(e.line, e.field) for e in report.errors}
    assert {
        (3, "naam"),
        (3, "type"),
        (3, "kvk_nummer"),
        (3, "website"),
        (3, "email"),
        (3, "lid"),
        (3, "talen"),
        (4, "postcode"),
        (6, "fasen"),
    } <= found
    assert all(e.line != 2 for e in report.errors)


def test_wrong_number_of_columns_is_reported_not_crashing(world):
    report = run(HEADER + "Fictieve Stichting,te,veel,kolommen,a,b,c,d,e,f,g,h,i,j\n")
    assert [(e.line, e.field) for e in report.errors] == [(2, "-")]


def test_duplicates_within_the_file(world):
    text = (
        HEADER
        + "Fictieve Dubbel,,12345678,,,,Straat 1,3511 AB,,,,\n"
        + "Fictieve Ander,,12345678,,,,Straat 2,3511 AC,,,,\n"
        + "fictieve dubbel,,,,,,Straat 3,3511AB,,,,\n"
    )
    report = run(text)
    messages = {(e.line, e.field): e.message for e in report.errors}
    assert "regel 2" in messages[(3, "kvk_nummer")]
    assert "regel 2" in messages[(4, "naam")]
    assert not Organisation.objects.exists()


def test_duplicates_against_the_database(world):
    world.organisation("Fictieve Bestaande", kvk_number="87654321", postcode="3511 AB")
    text = (
        HEADER
        + "Fictieve Nieuwe,,87654321,,,,,,,,,\n"
        + "Fictieve Bestaande,,,,,,Straat 9,3511 AB,,,,\n"
    )
    report = run(text)
    assert {(e.line, e.field) for e in report.errors} == {(2, "kvk_nummer"), (3, "naam")}
    assert Organisation.objects.count() == 1


def test_unknown_and_missing_columns(world):
    report = run("naam,kleur\nFictief,rood\n")
    assert [(e.line, e.field) for e in report.errors] == [(1, "kleur")]
    report = run("type\nsociaal-werk\n")
    assert [(e.line, e.field) for e in report.errors] == [(1, "naam")]


def test_semicolon_separated_files_from_dutch_excel(world):
    report = run("naam;postcode;adres\nFictieve Puntkomma;3511 AB;Straat 1\n")
    assert report.ok and report.created == 1


def test_plugin_validators_run_on_every_row(world):
    report = run(HEADER + "FICTIEVE HOOFDLETTERS,,,,,,,,,,,\n")
    assert [(e.line, e.field) for e in report.errors] == [(2, "naam")]


def test_management_command_dry_run_then_commit(world, tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(good_rows(world), encoding="utf-8")
    out = io.StringIO()
    call_command("import_organisations", str(path), stdout=out)
    assert "Dry run" in out.getvalue() and not Organisation.objects.exists()
    call_command("import_organisations", str(path), "--commit", stdout=out)
    assert Organisation.objects.count() == 2


def test_management_command_fails_loudly_on_errors(world, tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text(HEADER + ",sociaal-werk,,,,,,,,,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_organisations", str(path), "--commit", stderr=err)
    assert "regel 2, naam" in err.getvalue()
    assert not Organisation.objects.exists()


def test_error_in_a_late_batch_rolls_back_earlier_batches(world):
    rows = "".join(f"Fictieve Batch {i},,,,,,,,,,,\n" for i in range(25))
    report = CsvImporter(batch_size=10).run(
        io.BytesIO((HEADER + rows + ",sociaal-werk,,,,,,,,,,\n").encode()), dry_run=False
    )
    assert not report.ok and report.created == 0
    assert not Organisation.objects.exists()


def test_an_import_invalidates_the_api_caches(world, monkeypatch):
    """Bulk writes send no publish signals: the import says so itself, and the API's content
    generation (its ETags) moves; a dry run does not move it."""
    from apiplatform import signals
    from directory.importers.indexing import organisations_written

    bumps, written = [], []
    monkeypatch.setattr(signals.generation, "bump", lambda: bumps.append(1))

    def listener(sender, ids, **kwargs):
        written.append(ids)

    organisations_written.connect(listener)
    try:
        assert run(good_rows(world), dry_run=True).ok
        assert bumps == [] and written == []
        report = run(good_rows(world))
    finally:
        organisations_written.disconnect(listener)
    assert report.ok
    assert written == [report.created_ids]
    bumps.clear()
    organisations_written.send(sender=None, ids=report.created_ids)
    assert bumps == [1]  # the API listens
