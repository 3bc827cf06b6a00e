"""Public directory pages: filters without JavaScript, no N+1, drafts never shown, JSON-LD, map."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Organisation

from .conftest import index

pytestmark = pytest.mark.django_db
LIST = "/partners/"


def names(response) -> list[str]:
    return re.findall(r'<h3><a href="/partners/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def test_listing_renders_filters_with_real_labels(world, client):
    world.organisation("Fictieve Stichting Zichtbaar", phases=[world.intake])
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Fictieve Stichting Zichtbaar"]
    # Every control has a label (works without JavaScript, WCAG 2.1 AA).
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id
    assert '<form class="directory-filters" method="get"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"fase": "brede-intake-test"}, ["Fictieve Intake Utrecht"]),
        ({"fase": "werk-test"}, ["Fictieve Werk Zwolle"]),
        ({"gemeente": "zwolle"}, ["Fictieve Werk Zwolle"]),
        ({"type": "taalaanbieder"}, ["Fictieve Werk Zwolle"]),
        ({"taal": "ar"}, ["Fictieve Intake Utrecht"]),
        ({"postcode": "3511 AB", "straal": "10"}, ["Fictieve Intake Utrecht"]),
        ({"postcode": "8011", "straal": "5"}, ["Fictieve Werk Zwolle"]),
        ({"q": "Zwolle"}, ["Fictieve Werk Zwolle"]),
    ],
)
def test_filters(world, client, params, expected):
    world.organisation("Fictieve Intake Utrecht", phases=[world.intake], languages=[world.arabic])
    world.organisation(
        "Fictieve Werk Zwolle",
        postcode="8011 AB",
        phases=[world.work],
        kind=world.language_school,
    )
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert names(response) == expected


def test_theme_filter(world, client):
    from directory.models import Service

    org = world.organisation("Fictieve Taalcafé Stichting")
    world.organisation("Fictieve Andere Stichting")
    service = Service.objects.get(organisation=org)
    service.themes.add("taalcafe")
    service.save()
    index([org.pk])
    assert names(client.get(LIST, {"thema": "taalcafe"})) == ["Fictieve Taalcafé Stichting"]


def test_invalid_filter_is_explained_next_to_its_field(world, client):
    response = client.get(LIST, {"postcode": "0000"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html and 'id="error-postcode"' in html
    assert 'role="alert"' in html


def test_phase_link_url(world, client):
    from directory.public.views import phase_directory_url

    assert phase_directory_url(world.intake) == "/partners/?fase=brede-intake-test"


def test_drafts_are_never_shown(world, client):
    draft = Organisation(name="Fictieve Nog Niet Goedgekeurd", live=False)
    draft.save()
    draft.save_revision()
    live = Organisation(name="Fictieve Gepubliceerd", live=False)
    live.save()
    live.save_revision().publish()
    live.refresh_from_db()
    live.name = "Fictieve Conceptnaam"
    live.save_revision()  # a pending change: the public keeps seeing the published name
    index([draft.pk, live.pk])
    response = client.get(LIST)
    assert names(response) == ["Fictieve Gepubliceerd"]
    assert (
        client.get(reverse("directory_public:organisation", args=[draft.slug])).status_code == 404
    )
    detail = client.get(reverse("directory_public:organisation", args=[live.slug]))
    assert "Fictieve Gepubliceerd" in detail.content.decode()
    assert "Fictieve Conceptnaam" not in detail.content.decode()


def _count_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_listing_query_count_does_not_grow_with_page_size(world, client):
    for i in range(25):
        world.organisation(
            f"Fictieve Telstichting {i:02}",
            phases=[world.intake, world.work],
            languages=[world.arabic],
        )
    _count_queries(client, LIST, {"per_pagina": "1"})  # the first search loads the bitmaps
    small, r_small = _count_queries(client, LIST, {"per_pagina": "10"})
    large, r_large = _count_queries(client, LIST, {"per_pagina": "50"})
    assert len(names(r_small)) == 10 and len(names(r_large)) == 25
    assert small == large
    assert large <= 25


def test_detail_query_count_does_not_grow_with_locations_and_services(world, client):
    from directory.models import Location, Service

    one = world.organisation("Fictieve Kleine Stichting")
    many = world.organisation("Fictieve Grote Stichting")
    for i in range(8):
        Location.objects.create(organisation=many, address=f"Straat {i}", postcode="3511 AB")
        service = Service.objects.create(organisation=many, name=f"Dienst {i}")
        service.phases.add(world.intake_tag)
        service.save()
    few, _ = _count_queries(client, reverse("directory_public:organisation", args=[one.slug]), {})
    lots, _ = _count_queries(client, reverse("directory_public:organisation", args=[many.slug]), {})
    assert few == lots


def test_organisation_page_has_json_ld_with_locations(world, client):
    org = world.organisation(
        "Fictieve JSON Stichting",
        kvk_number="12345678",
        website="https://json.example.org",
        phases=[world.intake],
    )
    response = client.get(reverse("directory_public:organisation", args=[org.slug]))
    html = response.content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Organization"
    assert data["name"] == "Fictieve JSON Stichting"
    assert data["taxID"] == "12345678"
    place = data["location"][0]
    assert place["@type"] == "Place"
    assert place["address"]["postalCode"] == "3511 AB"
    assert place["geo"]["latitude"] == pytest.approx(52.0928)
    # The phase links to the directory filtered on it.
    assert f'href="/partners/?fase={world.intake.slug}"' in html


def test_json_ld_cannot_break_out_of_its_script(world, client):
    org = world.organisation("Fictief </script><script>alert(1)</script>")
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert "</script><script>alert(1)" not in html


def test_map_uses_vendored_leaflet_and_no_tiles_by_default(world, client, settings):
    org = world.organisation("Fictieve Kaartstichting")
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert "/static/directory/vendor/leaflet/leaflet.js" in html
    assert 'data-tile-url=""' in html
    assert '<ul class="locations">' in html  # the text list is always there
    settings.DIRECTORY_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html


def test_vendored_leaflet_files_are_committed():
    from pathlib import Path

    import directory

    vendor = Path(directory.__file__).parent / "static" / "directory" / "vendor" / "leaflet"
    assert (vendor / "leaflet.js").stat().st_size > 100_000
    assert (vendor / "leaflet.css").is_file()
    assert (vendor / "images" / "marker-icon.png").is_file()
    assert (vendor / "VERSION").read_text().strip() == "1.9.4"
