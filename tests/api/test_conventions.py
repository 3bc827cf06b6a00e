"""NL API Design Rules conventions that hold for every API response (ADR 2.1)."""

import json

import pytest
from ninja import Query, Router, Schema
from ninja.testing import TestClient
from pydantic import Field

from apiplatform.openapi import KetenkaartAPI
from apiplatform.problems import invalid_params

pytestmark = pytest.mark.django_db


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["type"] == "about:blank"
    return body


def test_openapi_document_is_public_with_cors_and_version(client):
    response = client.get("/api/v1/openapi.json", HTTP_ORIGIN="https://gemeente.example")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    assert document["servers"][0]["url"] == "/api/v1"
    assert set(document["info"]["contact"]) >= {"name", "url", "email"}
    assert "/openapi.json" in document["paths"]


def test_every_operation_documents_version_header_and_problem_errors(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status[0] in "23":
                    assert "API-Version" in response["headers"], (path, method, status)
                else:
                    assert "application/problem+json" in response["content"], (path, status)


def test_docs_use_local_assets_only(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    for cdn in ("cdn.", "unpkg", "jsdelivr", "https://"):
        assert cdn not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/openapi.json/", "/api/v1/docs/"])
def test_trailing_slash_is_404_not_redirect(client, path):
    response = client.get(path)
    body = assert_problem(response, 404)
    assert "slash" in body["detail"]
    assert response["API-Version"] == "1.0.0"


def test_unknown_path_without_slash_is_404_problem_not_redirect(client):
    # Django's APPEND_SLASH would redirect to the slashed URL (Wagtail serves any slashed path).
    assert_problem(client.get("/api/v1/bestaat-niet"), 404)


def test_method_not_allowed_is_problem_with_allow_header(client):
    response = client.post("/api/v1/openapi.json")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_security_headers(client):
    response = client.get("/api/v1/openapi.json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_cors_preflight_allows_every_origin(client):
    response = client.options(
        "/api/v1/openapi.json",
        HTTP_ORIGIN="https://regio.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "X-Api-Key" in response["Access-Control-Allow-Headers"]
    assert "API-Version" in response["Access-Control-Expose-Headers"]


def test_head_is_served_without_body(client):
    response = client.head("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_wagtail_page_api_gets_version_and_problem_errors(client):
    ok = client.get("/api/v2/pages/")
    assert ok.status_code == 200
    assert ok["API-Version"] == "2.0.0"
    assert ok["Access-Control-Allow-Origin"] == "*"
    body = assert_problem(client.get("/api/v2/pages/?limit=nope"), 400)
    assert "limit" in body["detail"]


def test_site_pages_are_untouched(client):
    response = client.get("/admin/login/")
    assert "API-Version" not in response


# Validation errors, through a small API with the same handlers (no app router needed).

validation_router = Router()


class Payload(Schema):
    name: str = Field(min_length=2)
    website: str


@validation_router.get("/items")
def list_items(request, page: int = Query(1, ge=1), size: int = Query(20, le=100)):
    return {"page": page}


@validation_router.patch("/items/{item_id}")
def patch_item(request, item_id: int, payload: Payload):
    return {"ok": True}


@validation_router.get("/boom")
def boom(request):
    raise RuntimeError("kapot")


def _client():
    api = KetenkaartAPI(title="t", version="9.9.9", server_url="/t/v9", urls_namespace="t-v9")
    api.add_router("", validation_router)
    return TestClient(api)


def test_validation_error_is_400_naming_every_invalid_field():
    response = _client().get("/items?page=0&size=500")
    assert response.status_code == 400
    body = response.json()
    names = {(p["name"], p["in"]) for p in body["invalidParams"]}
    assert names == {("page", "query"), ("size", "query")}
    assert all(p["reason"] for p in body["invalidParams"])


def test_reasons_are_dutch():
    response = _client().get("/items?page=0&size=x")
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert reasons == {"page": "Geef minstens 1.", "size": "Geef een geheel getal."}


def test_body_validation_names_the_field_a_client_sent():
    response = _client().patch("/items/x", json={"name": "a"})
    assert response.status_code == 400
    names = {(p["name"], p["in"]) for p in response.json()["invalidParams"]}
    assert ("item_id", "path") in names
    assert ("name", "body") in names
    assert ("website", "body") in names


def test_unhandled_error_is_500_problem_without_internals():
    response = _client().get("/boom")
    assert response.status_code == 500
    body = response.json()
    assert body["status"] == 500
    assert "kapot" not in json.dumps(body)


def test_invalid_params_strips_the_body_argument_name():
    params = invalid_params([{"loc": ("body", "payload", "address", "postcode"), "msg": "x"}])
    assert params == [{"name": "address.postcode", "in": "body", "reason": "x", "code": "invalid"}]
