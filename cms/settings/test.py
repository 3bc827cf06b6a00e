"""Fast, isolated settings for the test suite (after bakerydemo's settings/test.py).

Tests run with DEBUG off so they see what visitors see, a fast password hasher, a local-memory
cache, immediate background tasks and email kept in memory; on PostgreSQL the test database
does not wait for the disk on commit.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")  # noqa: S105
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .base import *  # noqa: E402, F403
from .base import DATABASE_IS_POSTGRES, DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
# The anonymous API rate limit is per IP address, and every test client is 127.0.0.1; tests
# of the limit itself lower it with the `settings` fixture.
API_ANON_RATE_PER_MINUTE = 1_000_000

if DATABASE_IS_POSTGRES:
    # The test database is thrown away after the run, so a commit need not wait until the WAL
    # is on disk (durability, not visibility: other connections see committed rows at once).
    # Creating it runs every migration and the browser tests commit every request; with the
    # shared default (synchronous_commit=on) each of those commits waits for an fsync.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
