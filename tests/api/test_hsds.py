"""HSDS 3.0 endpoints: every response validates against the official schemas, offline."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator
from referencing.jsonschema import DRAFT202012

from directory.plugins.hsds import export as hsds
from directory.plugins.hsds.schema import errors as schema_errors
from directory.plugins.hsds.schema import registry

from .directory_data import build_directory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    path = Path(settings.SHARED_DIR) / "hsds-3.0" / "openapi.json"
    if not path.exists():
        pytest.fail(f"HSDS schemas missing at {path} (set KETENKAART_SHARED_DIR)")
    return json.loads(path.read_text())


def response_validator(openapi, path):
    """A format-checking validator for the 200 response of an HSDS path (refs resolved
    locally; #/components/... inlined from the HSDS OpenAPI document)."""
    schema = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    text = json.dumps(schema).replace('"#/components/schemas/Page"', json.dumps("urn:hsds:page"))
    page = DRAFT202012.create_resource(openapi["components"]["schemas"]["Page"])
    resources = registry().with_resource("urn:hsds:page", page)
    return Draft202012Validator(
        json.loads(text), registry=resources, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(openapi, spec_path, response):
    assert response.status_code == 200, response.content
    assert response["API-Version"] == "3.0.0"
    data = response.json()
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in response_validator(openapi, spec_path).iter_errors(data)
    ]
    assert errors == []
    return data


@pytest.fixture
def directory():
    return build_directory()


def test_root(client, openapi):
    data = assert_valid(openapi, "/", client.get("/api/hsds/"))
    assert data["version"] == "3.0"
    assert data["openapi_url"].endswith("/api/hsds/openapi.json")


def test_openapi_document(client):
    document = client.get("/api/hsds/openapi.json").json()
    assert document["info"]["title"] == "Ketenkaart HSDS 3.0 API"
    assert "/service_at_locations" in document["paths"]


@pytest.mark.parametrize(
    "query", ["", "?full=true", "?minimal=true", "?per_page=1&page=2", "?search=taalcaf"]
)
def test_services(client, openapi, directory, query):
    data = assert_valid(openapi, "/services", client.get(f"/api/hsds/services{query}"))
    assert "Fictief Concept" not in json.dumps(data)
    if not query:
        assert data["total_items"] == 2
        assert data["first_page"] and data["last_page"] and not data["empty"]


def test_service_filters(client, directory):
    wijk = directory["wijk"]
    data = client.get(f"/api/hsds/services?taxonomy_term_id={wijk.uuid}").json()
    assert [s["name"] for s in data["contents"]] == ["Fictief taalcafé"]
    taalhuis = directory["taalhuis"]
    data = client.get(f"/api/hsds/services?organization_id={taalhuis.uuid}").json()
    assert data["total_items"] == 1
    other = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/api/hsds/services?taxonomy_id={other}").json()["empty"]


def test_service_detail(client, openapi, directory):
    svc = directory["taalhuis"].services.get()
    data = assert_valid(openapi, "/services/{id}", client.get(f"/api/hsds/services/{svc.uuid}"))
    assert data["attributes"][0]["taxonomy_term_id"] == str(directory["wijk"].uuid)
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404


@pytest.mark.parametrize("query", ["", "?full=true", "?full_service=true", "?search=zeist"])
def test_organizations(client, openapi, directory, query):
    data = assert_valid(openapi, "/organizations", client.get(f"/api/hsds/organizations{query}"))
    assert "Fictief Concept" not in json.dumps(data)


@pytest.mark.parametrize("query", ["", "?full_service=true"])
def test_organization_detail(client, openapi, directory, query):
    org = directory["taalhuis"]
    response = client.get(f"/api/hsds/organizations/{org.uuid}{query}")
    data = assert_valid(openapi, "/organizations/{id}", response)
    assert data["services"][0]["name"] == "Fictief taalcafé"
    draft = directory["draft"]
    assert client.get(f"/api/hsds/organizations/{draft.uuid}").status_code == 404


@pytest.mark.parametrize("query", ["", "?full=true", "?postcode=3511AB&proximity=5000"])
def test_service_at_locations(client, openapi, directory, query):
    data = assert_valid(
        openapi, "/service_at_locations", client.get(f"/api/hsds/service_at_locations{query}")
    )
    assert data["total_items"] == 1


def test_service_at_location_detail(client, openapi, directory):
    item = client.get("/api/hsds/service_at_locations").json()["contents"][0]
    response = client.get(f"/api/hsds/service_at_locations/{item['id']}")
    # HSDS's openapi.json names service.json as this path's response, an upstream slip (its
    # description says "fully nested service_at_location"): validate as a service_at_location.
    assert response.status_code == 200
    assert response["API-Version"] == "3.0.0"
    data = response.json()
    assert schema_errors("service_at_location", data) == []
    assert data["id"] == item["id"]
    assert data["service_id"] == item["service_id"]
    assert data["location_id"] == item["location_id"]
    assert data["service"]["id"] == item["service_id"]
    assert data["location"]["id"] == item["location_id"]


def test_taxonomies_and_terms(client, openapi, directory):
    data = assert_valid(openapi, "/taxonomies", client.get("/api/hsds/taxonomies"))
    taxonomy_id = data["contents"][0]["id"]
    assert_valid(openapi, "/taxonomies/{id}", client.get(f"/api/hsds/taxonomies/{taxonomy_id}"))
    terms = assert_valid(openapi, "/taxonomy_terms", client.get("/api/hsds/taxonomy_terms"))
    assert [t["code"] for t in terms["contents"]] == ["aankomst", "wijk"]
    term_id = terms["contents"][0]["id"]
    assert_valid(openapi, "/taxonomy_terms/{id}", client.get(f"/api/hsds/taxonomy_terms/{term_id}"))
    assert str(hsds.PHASE_TAXONOMY_ID) == taxonomy_id


def test_hsds_errors_are_problems(client, directory):
    response = client.get("/api/hsds/services?per_page=0&format=xml")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"per_page", "format"}
    assert client.get("/api/hsds/services/").status_code == 404  # only the root has a slash
    assert (
        client.get("/api/hsds/organizations/00000000-0000-4000-8000-000000000000").status_code
        == 404
    )
