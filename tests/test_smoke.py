import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_migrations_are_complete():
    """A model change without its migration fails here as well as in CI's makemigrations."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
