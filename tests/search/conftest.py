"""Fixtures for the search tests: a small postcode file, clean caches, the shared documents."""

import pytest
from django.core.cache import cache

from search.backends import reset_backend

PC4_CSV = """pc4,place,municipality,province,latitude,longitude
1012,Amsterdam,Amsterdam,Noord-Holland,52.3735,4.8951
1021,Amsterdam,Amsterdam,Noord-Holland,52.3925,4.9166
3511,Utrecht,Utrecht,Utrecht,52.0929,5.1140
3011,Rotterdam,Rotterdam,Zuid-Holland,51.9215,4.4880
9999,Nergens,Nergens,Groningen,53.4,6.9
"""


@pytest.fixture(autouse=True)
def _clean_search_state(settings, tmp_path):
    """Every test gets its own postcode file, an empty cache and a freshly loaded backend."""
    geo_dir = tmp_path / "shared" / "geo"
    geo_dir.mkdir(parents=True)
    (geo_dir / "nl-pc4.csv").write_text(PC4_CSV, encoding="utf-8")
    settings.SHARED_DIR = tmp_path / "shared"
    cache.clear()
    reset_backend()
    yield
    cache.clear()
    reset_backend()
