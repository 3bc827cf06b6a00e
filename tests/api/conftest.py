"""Fixtures of the API tests: a clean cache per test (rate-limit counters live there)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.org", "pw")
