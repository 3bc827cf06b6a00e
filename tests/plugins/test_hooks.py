"""One test per hook (test_hook_<name>): built-in and example plugins through the core."""

import io
import sys
import types
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import Organisation
from directory.plugins import hookimpl
from directory.plugins.manager import (
    exporters,
    facets,
    get_plugin_manager,
    importers,
    sections,
    validation_errors,
)
from directory.plugins.opening_hours.models import OpeningHours
from directory.plugins.vacancies.models import VolunteerVacancy

pytestmark = pytest.mark.django_db


def test_hook_directory_sections(world, client):
    keys = [s.key for s in sections()]
    assert keys[:3] == ["openingstijden", "talen", "vrijwilligersvacatures"]
    assert "keurmerken" in keys
    org = world.organisation("Fictieve Stichting Secties", languages=[world.arabic])
    OpeningHours.objects.create(organisation=org, weekday=2, opens=time(9), closes=time(12))
    VolunteerVacancy.objects.create(
        organisation=org, title="Taalmaatje gezocht", phase=world.intake
    )
    VolunteerVacancy.objects.create(
        organisation=org,
        title="Verlopen vacature",
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert 'id="sectie-openingstijden"' in html and "dinsdag" in html and "09:00" in html
    assert 'lang="ar"' in html and "Arabisch" in html
    assert "Taalmaatje gezocht" in html
    assert "Verlopen vacature" not in html
    by_key = {s.key: s for s in sections()}
    assert by_key["vrijwilligersvacatures"].api(org)[0]["phase"] == world.intake.slug
    assert by_key["openingstijden"].api(org) == [
        {"weekday": 2, "day": "dinsdag", "opens": "09:00", "closes": "12:00", "note": ""}
    ]


def test_hook_directory_search_facets(world, client):
    params = [f.param for f in facets()]
    assert "taal" in params and "doelgroep" in params
    world.organisation("Fictieve Arabischtalige Stichting", languages=[world.arabic])
    world.organisation("Fictieve Nederlandstalige Stichting", languages=[world.dutch])
    response = client.get(reverse("directory_public:list"), {"taal": "ar"})
    html = response.content.decode()
    assert "Fictieve Arabischtalige Stichting" in html
    assert "Fictieve Nederlandstalige Stichting" not in html
    # The facet is a real, labelled form control (works without JavaScript).
    assert '<input type="checkbox" id="taal-ar" name="taal" value="ar" checked>' in html
    assert '<label for="taal-ar">Arabisch</label>' in html


def test_hook_directory_importers(world, tmp_path):
    assert {"csv", "hsds", "namen"} <= set(importers())
    path = tmp_path / "namen.txt"
    path.write_text("Fictieve Namenstichting Een\nFictieve Namenstichting Twee\n")
    call_command("import_organisations", str(path), "--commit", stdout=io.StringIO())
    assert Organisation.objects.filter(name__startswith="Fictieve Namenstichting").count() == 2


def test_hook_directory_exporters(world):
    assert {"csv", "hsds", "namen"} <= set(exporters())
    world.organisation("Fictieve Zichtbare Stichting")
    world.organisation("Fictieve Concept Stichting", live=False)
    out = io.StringIO()
    call_command("export_organisations", "--format", "namen", stdout=out)
    assert "Fictieve Zichtbare Stichting" in out.getvalue()
    assert "Fictieve Concept Stichting" not in out.getvalue()


def test_hook_directory_validate_organisation(world):
    errors = validation_errors(Organisation(name="ALLES IN HOOFDLETTERS"))
    assert errors == {"name": ["Schrijf de naam niet helemaal in hoofdletters."]}
    assert validation_errors(Organisation(name="Gewone naam")) == {}
    org = world.organisation("Fictieve Stichting Overlap")
    OpeningHours.objects.create(organisation=org, weekday=1, opens=time(9), closes=time(12))
    OpeningHours.objects.create(organisation=org, weekday=1, opens=time(11), closes=time(13))
    assert "maandag" in str(validation_errors(org)["__all__"][0])


def test_hook_directory_organisation_published(world):
    from kk_example_plugin.models import PublicationEvent

    org = Organisation(name="Fictieve Publicatiestichting", live=False)
    org.save()
    org.save_revision().publish()
    assert PublicationEvent.objects.filter(organisation_uuid=org.uuid, kind="published").exists()


def test_hook_directory_organisation_unpublished(world):
    from kk_example_plugin.models import PublicationEvent

    org = Organisation(name="Fictieve Terugtrekstichting", live=False)
    org.save()
    org.save_revision().publish()
    org.refresh_from_db()
    org.unpublish()
    assert PublicationEvent.objects.filter(organisation_uuid=org.uuid, kind="unpublished").exists()


def test_a_failing_reaction_never_breaks_publishing(world, caplog):
    broken = types.ModuleType("broken_plugin")

    @hookimpl
    def directory_organisation_published(organisation):
        raise RuntimeError("kapot")

    broken.directory_organisation_published = directory_organisation_published
    sys.modules["broken_plugin"] = broken
    pm = get_plugin_manager()
    pm.register(broken, name="broken_plugin")
    try:
        org = Organisation(name="Fictieve Robuuste Stichting", live=False)
        org.save()
        org.save_revision().publish()
        org.refresh_from_db()
        assert org.live
        assert "broken_plugin" in caplog.text
    finally:
        pm.unregister(name="broken_plugin")
        del sys.modules["broken_plugin"]
