"""Shared pytest fixtures: isolated media, a Wagtail site with a home page."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
