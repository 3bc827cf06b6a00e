"""Contract tests of /api/v1 organisations, locations (GeoJSON) and vocabularies."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.factories import LocationFactory, OrganisationFactory

from .directory_data import build_directory, index

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return build_directory()


def names(response):
    return [item["name"] for item in response.json()["items"]]


def test_list_returns_only_live_organisations_sorted_by_name(client, directory):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 200
    body = response.json()
    assert names(response) == [
        "Fictief Buurtteam Zeist",
        "Fictief Taalhuis Utrecht",
        "Fictieve Opvang Utrecht",
    ]
    assert body["total"] == 3
    assert "Fictief Concept" not in json.dumps(body)
    first = body["items"][1]
    assert first["id"] == str(directory["taalhuis"].uuid)
    assert first["links"]["self"] == f"/api/v1/organisations/{directory['taalhuis'].uuid}"
    assert first["phases"][0]["slug"] == "wijk"
    assert "pk" not in first and "organisation_id" not in first


def test_filters_and_facets(client, directory):
    response = client.get("/api/v1/organisations?municipality=utrecht&phases=wijk")
    assert names(response) == ["Fictief Taalhuis Utrecht"]
    facets = response.json()["facets"]
    # "the counts if you also chose this": the phase facet ignores the phase filter itself.
    assert facets["phases"].get("wijk") == 1
    assert names(client.get("/api/v1/organisations?members_only=true")) == [
        "Fictief Taalhuis Utrecht"
    ]
    assert names(client.get("/api/v1/organisations?languages=ar")) == ["Fictief Taalhuis Utrecht"]
    assert names(client.get("/api/v1/organisations?organisation_types=taalaanbieder")) == [
        "Fictief Taalhuis Utrecht"
    ]
    assert names(client.get("/api/v1/organisations?themes=taal")) == ["Fictief Taalhuis Utrecht"]
    assert names(client.get("/api/v1/organisations?text=buurtteam")) == ["Fictief Buurtteam Zeist"]


def test_paging_links(client, directory):
    body = client.get("/api/v1/organisations?page_size=2").json()
    assert body["num_pages"] == 2
    assert body["links"]["next"].endswith("page=2")
    assert body["links"]["previous"] is None
    second = client.get(body["links"]["next"]).json()
    assert [i["name"] for i in second["items"]] == ["Fictieve Opvang Utrecht"]
    assert second["links"]["next"] is None


def test_invalid_search_parameters_are_named(client, directory):
    response = client.get("/api/v1/organisations?page=0&page_size=1000&sort=kleur")
    assert response.status_code == 400
    named = {p["name"] for p in response.json()["invalidParams"]}
    assert named == {"page", "page_size", "sort"}
    # Errors the typed search query finds (not the schema) are named as well.
    response = client.get("/api/v1/organisations?radius_km=5")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"radius_km"}


def test_detail_by_uuid_and_slug(client, directory):
    taalhuis = directory["taalhuis"]
    by_uuid = client.get(f"/api/v1/organisations/{taalhuis.uuid}").json()
    by_slug = client.get(f"/api/v1/organisations/{taalhuis.slug}").json()
    assert by_uuid == by_slug
    assert by_uuid["name"] == "Fictief Taalhuis Utrecht"
    [service] = by_uuid["services"]
    [location] = by_uuid["locations"]
    assert service["location_ids"] == [location["id"]]
    assert service["themes"] == [{"slug": "taal", "name": "taal"}]
    assert {lang["code"] for lang in by_uuid["languages"]} == {"ar", "nl"}


def test_locations_and_services_of_an_organisation(client, directory):
    slug = directory["taalhuis"].slug
    locations = client.get(f"/api/v1/organisations/{slug}/locations").json()
    assert locations[0]["postcode"] == "3511 AB"
    services = client.get(f"/api/v1/organisations/{slug}/services").json()
    assert services[0]["name"] == "Fictief taalcafé"


def test_unpublished_organisation_is_404(client, directory):
    for ident in (directory["draft"].uuid, directory["draft"].slug):
        response = client.get(f"/api/v1/organisations/{ident}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")


def test_draft_changes_of_a_live_organisation_never_appear(client, directory):
    taalhuis = directory["taalhuis"]
    taalhuis.name = "Geheime conceptnaam"
    taalhuis.save_revision()
    for url in (
        "/api/v1/organisations",
        f"/api/v1/organisations/{taalhuis.uuid}",
        "/api/v1/locations",
    ):
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Geheime conceptnaam" not in content
        assert b"Fictief Taalhuis Utrecht" in content


def read_geojson(response):
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


def test_geojson_is_streamed_rfc7946(client, directory):
    response = client.get("/api/v1/locations")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert "CRS84" in response["Content-Crs"]
    data = read_geojson(response)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3  # the draft's location is not there
    feature = next(
        f
        for f in data["features"]
        if f["properties"]["organisation"]["slug"] == "fictief-taalhuis-utrecht"
    )
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.114, 52.0929]}


def test_geojson_is_filterable_like_the_search(client, directory):
    data = read_geojson(client.get("/api/v1/locations?municipality=zeist"))
    assert [f["properties"]["organisation"]["name"] for f in data["features"]] == [
        "Fictief Buurtteam Zeist"
    ]
    data = read_geojson(client.get("/api/v1/locations?near=52.0929,5.1140&radius_km=3"))
    assert {f["properties"]["organisation"]["name"] for f in data["features"]} == {
        "Fictief Taalhuis Utrecht",
        "Fictieve Opvang Utrecht",
    }
    assert client.get("/api/v1/locations?page_size=0").status_code == 400


def test_geojson_has_etag_and_304(client, directory):
    response = client.get("/api/v1/locations")
    etag = response["ETag"]
    b"".join(response.streaming_content)
    assert client.get("/api/v1/locations", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_vocabularies(client, directory):
    phases = client.get("/api/v1/phases").json()
    assert [p["slug"] for p in phases] == ["aankomst", "wijk"]
    municipalities = client.get("/api/v1/municipalities").json()
    assert {m["slug"] for m in municipalities} == {"utrecht", "zeist"}
    types = client.get("/api/v1/organisation-types").json()
    assert {t["slug"] for t in types} >= {"taalaanbieder", "sociaalwerkorganisatie"}
    languages = client.get("/api/v1/languages").json()
    assert {"code": "ar", "name": "Arabisch"} in languages
    assert client.get("/api/v1/themes").json() == [{"slug": "taal", "name": "taal"}]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queries_per_request_do_not_grow_with_page_size(client, directory):
    extra = [OrganisationFactory(name=f"Fictief Extra {n}") for n in range(12)]
    for org in extra:
        LocationFactory(organisation=org, latitude=52.1, longitude=5.1)
    index(*extra)
    _queries(client, "/api/v1/organisations?page_size=1")  # the first search loads the bitmaps
    small = _queries(client, "/api/v1/organisations?page_size=2")
    large = _queries(client, "/api/v1/organisations?page_size=15")
    assert small == large
    assert _queries(client, "/api/v1/locations?municipality=utrecht") == _queries(
        client, "/api/v1/locations"
    )
