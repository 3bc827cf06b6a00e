"""Server errors under /api/ are problem+json too (RFC 9457), whatever fails and wherever.

A database failure is simulated at the cursor (`connection.execute_wrapper`): every SQL
statement touching a given table raises OperationalError, as a lost connection would. The
test client is told not to re-raise the reported exception, so it sees what a client sees.
"""

import json
import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.signals import got_request_exception
from django.db import OperationalError, connection
from django.test import Client

from .directory_data import build_directory

pytestmark = pytest.mark.django_db

SECRET_DETAIL = "could not connect to server db-geheim.internal:5432"
GENERIC = "Er ging iets mis aan onze kant. Probeer het later opnieuw."


@contextmanager
def failing_table(*tables):
    """Every statement that mentions one of `tables` raises OperationalError."""

    def wrapper(execute, sql, params, many, context):
        if any(table in sql for table in tables):
            raise OperationalError(f'{SECRET_DETAIL} while running "{sql[:40]}"')
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


@pytest.fixture
def api_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def directory():
    return build_directory()


def assert_server_problem(response, version="1.0.0"):
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert body["status"] == 500
    assert body["type"] == "about:blank"
    assert body["title"] == "Interne serverfout"
    assert body["detail"] == GENERIC
    assert body["instance"] == response.wsgi_request.get_full_path()
    text = json.dumps(body)
    for leak in ("geheim", "5432", "OperationalError", "Traceback", "SELECT", "directory_"):
        assert leak not in text
    # The conventions hold for errors too.
    assert response["API-Version"] == version
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    return body


# Failures inside the views (ninja's handler) -------------------------------------------


@pytest.mark.parametrize(
    ("path", "tables"),
    [
        ("/api/v1/organisations", ("directory_organisation", "search_")),
        ("/api/v1/organisations?text=taal", ("directory_organisation", "search_")),
        ("/api/v1/organisations/fictief-taalhuis-utrecht", ("directory_organisation",)),
        ("/api/v1/phases", ("journey_phase",)),
        ("/api/v1/journey/versions", ("journey_",)),
    ],
)
def test_database_failure_in_a_v1_view_is_a_500_problem(api_client, directory, path, tables):
    with failing_table(*tables):
        response = api_client.get(path)
    assert_server_problem(response)


def test_geojson_stream_failure_is_a_500_problem_not_a_cut_off_200(api_client, directory):
    """The stream's query runs inside the view, so its failure is still an error status."""
    with failing_table("directory_location"):
        response = api_client.get("/api/v1/locations")
    assert_server_problem(response)


def test_geojson_still_streams(api_client, directory):
    response = api_client.get("/api/v1/locations")
    assert response.status_code == 200 and response.streaming
    assert len(json.loads(b"".join(response.streaming_content))["features"]) == 3


@pytest.mark.parametrize(
    ("path", "tables"),
    [
        ("/api/hsds/services", ("directory_service",)),
        ("/api/hsds/organizations", ("directory_organisation",)),
        ("/api/hsds/service_at_locations", ("directory_service",)),
        ("/api/hsds/taxonomy_terms", ("journey_phase",)),
    ],
)
def test_database_failure_in_hsds_is_a_500_problem(api_client, directory, path, tables):
    with failing_table(*tables):
        response = api_client.get(path)
    assert_server_problem(response, version="3.0.0")


def test_failure_in_a_plain_django_view_is_converted(api_client, settings, tmp_path):
    """/api/hsds/openapi.json is a Django view: Django's HTML 500 becomes a problem."""
    settings.SHARED_DIR = tmp_path  # the HSDS description is missing
    response = api_client.get("/api/hsds/openapi.json")
    body = assert_server_problem(response, version="3.0.0")
    assert str(tmp_path) not in json.dumps(body)


def test_database_failure_in_the_page_api_is_a_500_problem(api_client):
    with failing_table("wagtailcore_page"):
        response = api_client.get("/api/v2/pages/")
    assert_server_problem(response, version="2.0.0")


# Failures in the middleware itself (API key, rate limit, content generation) ---------------


def test_database_failure_during_key_lookup_is_a_500_problem(api_client):
    with failing_table("apiplatform_apikey"):
        response = api_client.get("/api/v1/phases", HTTP_X_API_KEY="kk_abcdef123456_geheim")
    assert_server_problem(response)
    assert "RateLimit-Limit" not in response  # no decision was made


def test_database_failure_while_counting_key_usage_is_a_500_problem(api_client):
    from .test_keys_and_limits import make_key

    _key, token = make_key()
    with failing_table("apiplatform_apikeydailyusage"):
        response = api_client.get("/api/v1/phases", HTTP_X_API_KEY=token)
    assert_server_problem(response)


def test_cache_failure_in_the_rate_limiter_is_a_500_problem(api_client):
    with mock.patch("apiplatform.ratelimit.cache.add", side_effect=ConnectionError("redis:6379")):
        response = api_client.get("/api/hsds/services")
    body = assert_server_problem(response, version="3.0.0")
    assert "redis" not in json.dumps(body)


def test_database_failure_reading_the_content_generation_is_a_500_problem(api_client):
    with failing_table("apiplatform_contentgeneration"):
        response = api_client.get("/api/hsds/taxonomies")
    assert_server_problem(response, version="3.0.0")


def test_head_request_failing_in_the_middleware_has_no_body(api_client):
    with failing_table("apiplatform_contentgeneration"):
        response = api_client.head("/api/v1/phases")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.content == b""


def test_middleware_failure_is_logged_and_reported_like_any_unhandled_error(api_client, caplog):
    received = []

    def receiver(sender, request, **kwargs):
        received.append(request.path)

    got_request_exception.connect(receiver)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="django.request"),
            failing_table("apiplatform_contentgeneration"),
        ):
            api_client.get("/api/v1/phases")
    finally:
        got_request_exception.disconnect(receiver)
    assert received == ["/api/v1/phases"]
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and record.exc_info[0] is OperationalError  # details go to the log
    assert record.status_code == 500


# Negative cases -----------------------------------------------------------------------------


def test_with_debug_on_the_developer_gets_the_exception(client, settings):
    settings.DEBUG = True
    with failing_table("apiplatform_contentgeneration"), pytest.raises(OperationalError):
        client.get("/api/v1/phases")


def test_without_failure_the_same_requests_succeed(api_client, directory):
    from .test_keys_and_limits import make_key

    _key, token = make_key()
    for path in ("/api/v1/organisations", "/api/v1/locations", "/api/hsds/services"):
        response = api_client.get(path, HTTP_X_API_KEY=token)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end, as a server would, and close


def test_failures_elsewhere_on_the_site_are_not_rewritten(api_client):
    with failing_table("wagtailcore_"):
        response = api_client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "API-Version" not in response


@pytest.mark.parametrize("path", ["/api", "/api/v9/organisations", "/api/onbekend"])
def test_unknown_paths_under_api_are_404_problems(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_path_that_only_starts_like_api_is_not_ours(api_client):
    response = api_client.get("/apis-en-meer")
    assert "API-Version" not in response


def test_a_server_error_body_is_never_copied_into_the_problem(rf):
    """Client errors keep their message (e.g. Wagtail's 400s); server errors never do."""
    from django.http import JsonResponse

    from apiplatform.problems import from_response

    request = rf.get("/api/v2/pages/")
    server = from_response(request, JsonResponse({"message": "KeyError: 'geheim'"}, status=502))
    assert "geheim" not in server.content.decode()
    client_error = from_response(request, JsonResponse({"message": "Onbekend veld"}, status=400))
    assert json.loads(client_error.content)["detail"] == "Onbekend veld"


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/v1/locations?text=a%00b&page_size=5", {"text"}),
        ("/api/v1/organisations?languages=nl&languages=%00&themes=%00x", {"languages", "themes"}),
        ("/api/hsds/services?search=%00", {"search"}),
    ],
)
def test_a_nul_character_is_a_400_naming_the_parameter(api_client, path, names):
    """PostgreSQL cannot store NUL in text; found by schemathesis as a 500 on /locations."""
    response = api_client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert {p["name"] for p in response.json()["invalidParams"]} == names
