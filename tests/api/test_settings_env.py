"""The API platform's settings come from environment variables (cms/settings/env.py helpers).

Each case imports the real settings module in a fresh interpreter with a given environment, so
what is tested is the wiring in cms/settings/base.py, not a copy of it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NAMES = (
    "API_ANON_RATE_PER_MINUTE",
    "API_KEY_DEFAULT_RATE_PER_MINUTE",
    "API_TRUST_X_FORWARDED_FOR",
    "API_RELEASE",
    "WEBHOOK_MAX_ATTEMPTS",
    "WEBHOOK_BACKOFF_SECONDS",
    "WEBHOOK_TIMEOUT_SECONDS",
)
PROBE = (
    "import json, cms.settings.base as s; "
    f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
)


def settings_with(**environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in NAMES}
    env.update({"SECRET_KEY": "probe", "DEBUG": "false", **environ})
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def defaults() -> dict:
    result = settings_with()
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_need_no_environment(defaults):
    assert defaults == {
        "API_ANON_RATE_PER_MINUTE": 60,
        "API_KEY_DEFAULT_RATE_PER_MINUTE": 600,
        "API_TRUST_X_FORWARDED_FOR": False,
        "API_RELEASE": "",
        "WEBHOOK_MAX_ATTEMPTS": 6,
        "WEBHOOK_BACKOFF_SECONDS": 30,
        "WEBHOOK_TIMEOUT_SECONDS": 5,
    }


def test_rate_limits_and_friends_come_from_the_environment():
    result = settings_with(
        API_ANON_RATE_PER_MINUTE="25",
        API_KEY_DEFAULT_RATE_PER_MINUTE="1200",
        API_TRUST_X_FORWARDED_FOR="true",
        API_RELEASE="abc123",
        WEBHOOK_MAX_ATTEMPTS="3",
        WEBHOOK_BACKOFF_SECONDS="10",
        WEBHOOK_TIMEOUT_SECONDS="2",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "API_ANON_RATE_PER_MINUTE": 25,
        "API_KEY_DEFAULT_RATE_PER_MINUTE": 1200,
        "API_TRUST_X_FORWARDED_FOR": True,
        "API_RELEASE": "abc123",
        "WEBHOOK_MAX_ATTEMPTS": 3,
        "WEBHOOK_BACKOFF_SECONDS": 10,
        "WEBHOOK_TIMEOUT_SECONDS": 2,
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("API_ANON_RATE_PER_MINUTE", "sixty", "must be an integer"),
        ("API_ANON_RATE_PER_MINUTE", "0", "must be at least 1"),
        ("API_KEY_DEFAULT_RATE_PER_MINUTE", "-5", "must be at least 1"),
        ("API_TRUST_X_FORWARDED_FOR", "maybe", "must be a boolean"),
        ("WEBHOOK_MAX_ATTEMPTS", "0", "must be at least 1"),
    ],
)
def test_invalid_values_stop_the_start_with_a_clear_error(name, value, message):
    result = settings_with(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name} {message}" in result.stderr


def test_an_empty_value_means_the_default(defaults):
    result = settings_with(API_ANON_RATE_PER_MINUTE="", API_KEY_DEFAULT_RATE_PER_MINUTE=" ")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["API_ANON_RATE_PER_MINUTE"] == defaults["API_ANON_RATE_PER_MINUTE"]
    assert values["API_KEY_DEFAULT_RATE_PER_MINUTE"] == defaults["API_KEY_DEFAULT_RATE_PER_MINUTE"]


@pytest.mark.django_db
def test_the_configured_anonymous_rate_is_enforced(client, settings):
    """The setting (whatever its source) is what the middleware reads at request time."""
    settings.API_ANON_RATE_PER_MINUTE = 2
    statuses = [client.get("/api/v1/phases").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
