"""Settings of the API platform, each with a default so nothing needs configuring.

Read through these functions (not at import time) so tests can override them with
pytest-django's `settings` fixture.
"""

from django.conf import settings

DEFAULTS = {
    # Requests per minute for clients without an API key (per IP address).
    "API_ANON_RATE_PER_MINUTE": 60,
    # Default requests per minute for a new API key (editors can change it per key).
    "API_KEY_DEFAULT_RATE_PER_MINUTE": 600,
    # Trust the first address in X-Forwarded-For (only behind a proxy that sets it).
    "API_TRUST_X_FORWARDED_FOR": False,
    # Webhook deliveries: attempts in total, first retry delay in seconds (doubles each time),
    # and the timeout of one HTTP attempt.
    "WEBHOOK_MAX_ATTEMPTS": 6,
    "WEBHOOK_BACKOFF_SECONDS": 30,
    "WEBHOOK_TIMEOUT_SECONDS": 5,
    # A release identifier that is part of every ETag, so a deploy never serves a 304 for a
    # representation the new code would render differently.
    "API_RELEASE": "",
}


def get(name: str):
    """Return the setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
