"""API keys (hashed, shown once, revocable, usage counted) and per-client rate limits."""

import re

import pytest
from django.utils import timezone

from apiplatform.keys import find_api_key, hash_token, issue_api_key
from apiplatform.models import ApiKey, ApiKeyDailyUsage

pytestmark = pytest.mark.django_db

URL = "/api/v1/openapi.json"


def make_key(**kwargs):
    key = ApiKey(name="Gemeente Voorbeeld", **kwargs)
    token = issue_api_key(key)
    key.save()
    return key, token


def test_key_is_stored_hashed():
    key, token = make_key()
    key.refresh_from_db()
    assert token not in (key.prefix, key.key_hash)
    assert key.key_hash == hash_token(token)
    assert find_api_key(token) == key
    assert find_api_key(token[:-1] + ("a" if token[-1] != "a" else "b")) is None


def test_request_with_key_is_counted(client):
    key, token = make_key()
    client.get(URL, HTTP_X_API_KEY=token)
    client.get(URL, HTTP_X_API_KEY=token)
    key.refresh_from_db()
    assert key.request_count == 2
    assert key.last_used_at is not None
    usage = ApiKeyDailyUsage.objects.get(api_key=key, day=timezone.localdate())
    assert usage.count == 2


def test_unknown_key_is_401_problem(client):
    response = client.get(URL, HTTP_X_API_KEY="kk_000000000000_nope")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert "WWW-Authenticate" in response


def test_revoked_key_is_refused(client):
    key, token = make_key()
    key.is_active = False
    key.save()
    assert key.revoked_at is not None
    assert client.get(URL, HTTP_X_API_KEY=token).status_code == 401


def test_anonymous_limit_gives_429_with_retry_after(client, settings):
    settings.API_ANON_RATE_PER_MINUTE = 3
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(URL)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/problem+json")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["RateLimit-Remaining"] == "0"
    assert response.json()["status"] == 429


def test_key_has_its_own_higher_limit(client, settings):
    settings.API_ANON_RATE_PER_MINUTE = 1
    _key, token = make_key(rate_limit_per_minute=5)
    assert client.get(URL).status_code == 200
    assert client.get(URL).status_code == 429
    statuses = [client.get(URL, HTTP_X_API_KEY=token).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_limits_are_per_client(client, settings):
    settings.API_ANON_RATE_PER_MINUTE = 1
    assert client.get(URL, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get(URL, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(URL, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_rate_headers_on_success(client):
    response = client.get(URL)
    assert int(response["RateLimit-Limit"]) >= 1
    assert "RateLimit-Remaining" in response


def test_editor_creates_key_in_admin_and_sees_it_once(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/apiplatform/apikey/new/",
        {
            "name": "Regio Twente",
            "contact_email": "",
            "rate_limit_per_minute": 100,
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    token = re.search(r"(kk_[0-9a-f]{12}_[\w-]+)", " ".join(messages)).group(1)
    key = ApiKey.objects.get(name="Regio Twente")
    assert key.created_by == superuser
    assert find_api_key(token) == key
    listing = client.get("/admin/apiplatform/apikey/").content.decode()
    assert "Regio Twente" in listing
    assert token not in listing
    inspect = client.get(f"/admin/apiplatform/apikey/inspect/{key.pk}/").content.decode()
    assert token not in inspect
    client.logout()
    assert client.get(URL, HTTP_X_API_KEY=token).status_code == 200


def test_editor_revokes_key_in_admin(client, superuser):
    key, token = make_key()
    client.force_login(superuser)
    response = client.post(
        f"/admin/apiplatform/apikey/edit/{key.pk}/",
        {"name": key.name, "contact_email": "", "rate_limit_per_minute": 10},
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert not key.is_active
    client.logout()
    assert client.get(URL, HTTP_X_API_KEY=token).status_code == 401


def test_anonymous_cannot_reach_key_admin(client):
    response = client.get("/admin/apiplatform/apikey/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
