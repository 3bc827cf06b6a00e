"""Fixtures for the editorial site: the real seed content, loaded once per test."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The seed content as `make run` loads it; returns the home page."""
    from cms.models import HomePage

    call_command("load_seed_content", verbosity=0, stdout=_Null())
    return HomePage.objects.get()


class _Null:
    def write(self, *args, **kwargs):
        return None

    def flush(self):
        return None
