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


def _names_found(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200
    if response.streaming:
        features = json.loads(b"".join(response.streaming_content))["features"]
        return {f["properties"]["organisation"]["name"] for f in features}
    return {item["name"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    "text",
    [
        "opvangen",  # stem of "Opvang": no substring match
        "buurtteams",  # plural of a word in the name
        "buddy",  # a service's name, not the organisation's
        "taalcafe",  # accent folded
        "fictieve buddy",  # every word must match
        "Fictieve",
        "utrecht",
        "taalhuizen",  # nothing: also nothing on the map
    ],
)
def test_geojson_text_finds_what_the_search_finds(client, directory, text):
    searched = _names_found(client, "/api/v1/organisations", {"text": text, "page_size": 100})
    assert _names_found(client, "/api/v1/locations", {"text": text}) == searched
    assert _names_found(client, "/api/v1/locations", {"q": text}) == searched


def test_geojson_text_is_more_than_a_substring(client, directory):
    """The old filter was `icontains` on name and description: these found nothing."""
    assert _names_found(client, "/api/v1/locations", {"text": "opvangen"}) == {
        "Fictieve Opvang Utrecht"
    }
    assert _names_found(client, "/api/v1/locations", {"text": "buddy"}) == {
        "Fictief Buurtteam Zeist"
    }


def test_geojson_text_combines_with_the_other_filters(client, directory):
    params = {"text": "fictief", "municipality": "zeist"}
    searched = _names_found(client, "/api/v1/organisations", params)
    assert searched == {"Fictief Buurtteam Zeist"}
    assert _names_found(client, "/api/v1/locations", params) == searched
    near = {"text": "utrecht", "near": "52.0929,5.1140", "radius_km": "0.2"}
    assert _names_found(client, "/api/v1/organisations", near) == {"Fictief Taalhuis Utrecht"}
    assert _names_found(client, "/api/v1/locations", near) == {"Fictief Taalhuis Utrecht"}


def test_geojson_text_never_shows_drafts_or_unpublished(client, directory):
    assert _names_found(client, "/api/v1/locations", {"text": "concept"}) == set()
    taalhuis = directory["taalhuis"]
    taalhuis.unpublish()  # the index may lag behind: the stream checks live rows itself
    assert _names_found(client, "/api/v1/locations", {"text": "taal"}) == set()


def test_geojson_text_stays_streamed_in_batches(client, directory, monkeypatch):
    from search import get_backend

    batches = []
    backend_class = type(get_backend())
    original = backend_class.iter_object_ids

    def spy(self, query, index_name="directory", batch_size=100):
        for batch in original(self, query, index_name, batch_size=1):
            batches.append(batch)
            yield batch

    monkeypatch.setattr(backend_class, "iter_object_ids", spy)
    response = client.get("/api/v1/locations", {"text": "fictief"})
    assert response.streaming
    assert len(json.loads(b"".join(response.streaming_content))["features"]) == 2
    assert batches == [[batches[0][0]], [batches[1][0]]]  # one organisation per batch


def test_iter_object_ids_pages_through_search(directory, monkeypatch, caplog):
    from search import get_backend
    from search.backends import base
    from search.query import DirectoryQuery

    backend = get_backend()

    def generic(query, **kwargs):  # the default every backend inherits
        return base.BaseSearchBackend.iter_object_ids(backend, query, **kwargs)

    query = DirectoryQuery(text="fictief", page=3, page_size=7, sort="relevance")
    all_ids = [pk for batch in generic(query, batch_size=1) for pk in batch]
    assert sorted(all_ids) == sorted(o.pk for o in (directory["taalhuis"], directory["buurtteam"]))
    # The database backend's own (from its bitmaps) agrees.
    own = [pk for batch in backend.iter_object_ids(query, batch_size=1) for pk in batch]
    assert sorted(own) == sorted(all_ids)
    everything = DirectoryQuery()
    assert len([pk for b in generic(everything) for pk in b]) == 3
    assert list(generic(DirectoryQuery(text="taalhuizen"))) == []
    assert list(backend.iter_object_ids(DirectoryQuery(text="taalhuizen"))) == []
    # At the query's page limit it stops, and says so in the log.
    monkeypatch.setattr(base, "MAX_PAGE", 2)
    truncated = [pk for b in generic(everything, batch_size=1) for pk in b]
    assert len(truncated) == 2
    assert "stopped after 2 ids of 3" in caplog.text


@pytest.mark.parametrize(
    "params",
    [{"radius_km": "-1"}, {"sort": "kleur"}, {"members_only": "misschien"}, {"text": "x" * 201}],
)
def test_locations_reject_values_the_document_forbids(client, directory, params):
    response = client.get("/api/v1/locations", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert next(iter(params)) in response.content.decode()
