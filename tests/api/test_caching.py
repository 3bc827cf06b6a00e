"""HTTP caching: validators on every GET, 304s, and invalidation by publishing."""

import pytest
from django.utils.http import http_date
from wagtail.models import Page, Site

from apiplatform import generation

pytestmark = pytest.mark.django_db

URL = "/api/v2/pages/"


def test_get_has_etag_last_modified_and_cache_control(client):
    response = client.get(URL)
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, no-cache"


def test_if_none_match_gives_304_with_validators(client):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["API-Version"] == "2.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_if_modified_since_gives_304(client):
    last_modified = client.get(URL)["Last-Modified"]
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_different_queries_have_different_etags(client):
    assert client.get(URL)["ETag"] != client.get(URL + "?limit=1")["ETag"]


def test_bump_invalidates_every_etag(client, django_capture_on_commit_callbacks):
    etag = client.get(URL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        generation.bump()
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_publishing_a_page_invalidates(client, django_capture_on_commit_callbacks):
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=Page(title="Nieuws", slug="nieuws", live=False))
    etag = client.get(URL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Nieuws" in response.content.decode()
    etag = response["ETag"]
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_saving_a_draft_does_not_invalidate(client, django_capture_on_commit_callbacks):
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=Page(title="Over ons", slug="over-ons"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    etag = client.get(URL)["ETag"]
    page.title = "Over ons (concept)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_bump_waits_for_commit_and_happens_once_per_transaction(
    django_capture_on_commit_callbacks,
):
    before = generation.current().value
    with django_capture_on_commit_callbacks() as callbacks:
        generation.bump()
        generation.bump()
    assert generation.current().value == before
    assert len(callbacks) == 1
    callbacks[0]()
    assert generation.current().value == before + 1


def test_errors_are_not_cached(client):
    response = client.get("/api/v1/bestaat-niet")
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
