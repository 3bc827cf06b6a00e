"""Plugin tests share the directory extension fixtures (vocabulary, organisations)."""

from tests.directory_ext.conftest import world  # noqa: F401
