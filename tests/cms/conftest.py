"""Fixtures for the editorial site: the real seed content, loaded once per module."""

import pytest
from django.core.management import call_command

from tests.db_layers import database_layer, enter_layer_test


@pytest.fixture(scope="module")
def _seed_db_layer(django_db_setup, django_db_blocker):
    """The seed content as `make run` loads it, shared (rolled back) by a module's tests."""
    with database_layer(django_db_blocker):
        call_command("load_seed_content", verbosity=0, stdout=_Null())
        yield


@pytest.fixture
def seeded(_seed_db_layer, db):
    """The seed content as `make run` loads it; returns the home page."""
    from cms.models import HomePage

    enter_layer_test()
    return HomePage.objects.get()


class _Null:
    def write(self, *args, **kwargs):
        return None

    def flush(self):
        return None
