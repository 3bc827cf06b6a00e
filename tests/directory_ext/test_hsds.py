"""HSDS 3.0: the export validates offline against the shared schemas (with format checking);
the import is all or nothing with clear errors."""

import io
import json
import uuid

import pytest

from directory.exporters.visibility import visible_to
from directory.models import Organisation, Service
from directory.plugins.hsds import schema
from directory.plugins.hsds.export import export_hsds
from directory.plugins.hsds.importer import HsdsImporter

pytestmark = pytest.mark.django_db


def exported(queryset=None):
    return json.loads("".join(export_hsds(queryset or visible_to(None))))


def rich_world(world):
    from datetime import time

    from directory.plugins.opening_hours.models import OpeningHours

    org = world.organisation(
        "Fictieve HSDS Stichting",
        phases=[world.intake, world.work],
        languages=[world.arabic],
        kvk_number="12345678",
        website="https://hsds.example.org",
        email="info@hsds.example.org",
        phone="+31 30 000 0000",
    )
    service = Service.objects.get(organisation=org)
    service.languages.add(world.arabic)
    service.save()
    OpeningHours.objects.create(organisation=org, weekday=3, opens=time(13), closes=time(17))
    world.organisation("Fictieve Kale Stichting", description="")
    world.organisation("Fictieve Concept", live=False)
    return org


def test_schema_harness_rejects_non_uuid_ids_and_bad_formats():
    problems = schema.errors(
        "organization", {"id": "42", "name": "x", "description": "y", "email": "geen-mail"}
    )
    assert any(p.startswith("id:") and "uuid" in p for p in problems)
    assert any(p.startswith("email:") for p in problems)
    good = {"id": str(uuid.uuid4()), "name": "x", "description": "y"}
    assert schema.is_valid("organization", good)


def test_export_validates_against_hsds_3(world):
    rich_world(world)
    data = exported()
    assert data["hsds_version"] == "3.0"
    assert {o["name"] for o in data["organizations"]} == {
        "Fictieve HSDS Stichting",
        "Fictieve Kale Stichting",
    }
    checks = [("taxonomy", t) for t in data["taxonomies"]]
    checks += [("taxonomy_term", t) for t in data["taxonomy_terms"]]
    checks += [("organization", o) for o in data["organizations"]]
    checks += [("service", s) for s in data["services"]]
    for name, document in checks:
        assert schema.errors(name, document) == [], (name, document)


def test_export_carries_phases_locations_and_hours(world):
    org = rich_world(world)
    data = exported()
    terms = {t["id"]: t for t in data["taxonomy_terms"]}
    assert str(world.intake.uuid) in terms and terms[str(world.intake.uuid)]["code"] == (
        world.intake.slug
    )
    organization = next(o for o in data["organizations"] if o["id"] == str(org.uuid))
    location = organization["locations"][0]
    assert location["addresses"][0]["postal_code"] == "3511 AB"
    assert location["schedules"][0]["byday"] == "WE"
    assert organization["organization_identifiers"][0]["identifier"] == "12345678"
    service = next(s for s in data["services"] if s["organization_id"] == str(org.uuid))
    assert {a["taxonomy_term_id"] for a in service["attributes"]} == {
        str(world.intake.uuid),
        str(world.work.uuid),
    }
    assert service["service_at_locations"][0]["location_id"] == location["id"]


def test_export_then_import_round_trip(world):
    rich_world(world)
    text = "".join(export_hsds(visible_to(None)))
    Organisation.objects.all().delete()
    report = HsdsImporter().run(io.StringIO(text), dry_run=False)
    assert report.ok, report.errors
    assert report.created == 2
    org = Organisation.objects.get(name="Fictieve HSDS Stichting")
    assert org.kvk_number == "12345678" and org.live
    service = org.services.get()
    assert set(service.phase_items.values_list("tag__phase__slug", flat=True)) == {
        world.intake.slug,
        world.work.slug,
    }
    assert list(service.locations.values_list("postcode", flat=True)) == ["3511 AB"]
    assert list(service.languages.values_list("code", flat=True)) == ["ar"]


def run(data):
    payload = data if isinstance(data, str) else json.dumps(data)
    return HsdsImporter().run(io.StringIO(payload), dry_run=False)


def test_import_rejects_invalid_json(world):
    report = run("{niet json")
    assert not report.ok and "JSON" in report.errors[0].message


def test_import_rejects_wrong_shape(world):
    report = run([1, 2])
    assert report.errors[0].field == "organizations"


def test_import_reports_schema_errors_with_paths_and_writes_nothing(world):
    good = {"id": str(uuid.uuid4()), "name": "Fictieve Goede", "description": "x"}
    bad = {"id": "niet-een-uuid", "name": "Fictieve Foute", "website": "geen url"}
    report = run({"organizations": [good, bad]})
    assert not report.ok
    found = {(e.line, e.field) for e in report.errors}
    assert ("organizations[1]", "id") in found
    assert ("organizations[1]", "website") in found
    assert ("organizations[1]", "-") in found  # the missing required description
    assert not Organisation.objects.exists()


def test_import_reports_domain_errors(world):
    existing = world.organisation("Fictieve Bestaande", kvk_number="11111111")
    org_id = str(uuid.uuid4())
    data = {
        "organizations": [
            {"id": str(existing.uuid), "name": "Dubbel", "description": "x"},
            {
                "id": org_id,
                "name": "Fictieve Nieuwe",
                "description": "x",
                "organization_identifiers": [
                    {
                        "id": str(uuid.uuid4()),
                        "identifier_scheme": "NL-KVK",
                        "identifier_type": "KvK-nummer",
                        "identifier": "11111111",
                    }
                ],
                "locations": [
                    {
                        "id": str(uuid.uuid4()),
                        "location_type": "physical",
                        "addresses": [
                            {
                                "id": str(uuid.uuid4()),
                                "address_1": "Straat 1",
                                "city": "X",
                                "state_province": "Y",
                                "postal_code": "ABC",
                                "country": "NL",
                                "address_type": "physical",
                            }
                        ],
                    }
                ],
            },
        ],
        "services": [
            {
                "id": str(uuid.uuid4()),
                "name": "Dienst",
                "status": "active",
                "organization_id": org_id,
                "attributes": [{"id": str(uuid.uuid4()), "taxonomy_term_id": str(uuid.uuid4())}],
            },
            {
                "id": str(uuid.uuid4()),
                "name": "Wees",
                "status": "active",
                "organization_id": str(uuid.uuid4()),
            },
        ],
    }
    report = run(data)
    found = {(e.line, e.field) for e in report.errors}
    assert ("organizations[0]", "id") in found
    assert ("organizations[1]", "organization_identifiers") in found
    assert ("organizations[1].locations[0].addresses[0]", "postal_code") in found
    assert ("services[1]", "organization_id") in found
    assert Organisation.objects.count() == 1


def test_import_command_with_hsds_format(world, tmp_path):
    from django.core.management import call_command

    rich_world(world)
    path = tmp_path / "bundel.json"
    path.write_text("".join(export_hsds(visible_to(None))), encoding="utf-8")
    Organisation.objects.all().delete()
    out = io.StringIO()
    call_command("import_organisations", str(path), "--commit", stdout=out)
    assert "Imported 2" in out.getvalue()
