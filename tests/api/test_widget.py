"""The embeddable widget: a script from our static files, and a server-rendered iframe."""

import re

import pytest
from django.contrib.staticfiles import finders

from .directory_data import build_directory

pytestmark = pytest.mark.django_db


def test_widget_script_is_served_from_our_static_files_and_calls_only_our_api():
    path = finders.find("apiplatform/widget.js")
    assert path, "widget.js is not found by the static files finders"
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    urls = re.findall(r"https?://[^\s\"')]+", source)
    assert all("<ketenkaart>" in url for url in urls), urls  # only the usage example
    assert 'origin + "/api/v1/organisations?' in source
    assert ".innerHTML" not in source  # data is set with textContent
    assert "font:inherit" in source  # inherits the host page's fonts
    assert 'role", "status"' in source and "aria-labelledby" in source


def test_iframe_lists_live_organisations_for_municipality_and_phase(client):
    build_directory()
    response = client.get("/widget/organisaties/?municipality=utrecht&phase=wijk")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fictief Taalhuis Utrecht" in html
    assert "Fictieve Opvang Utrecht" not in html  # not in this phase
    assert "Fictief Concept" not in html
    assert '<html lang="nl">' in html
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?://', html)  # no third-party requests


def test_iframe_with_invalid_limit_says_so(client):
    response = client.get("/widget/organisaties/?limit=9999")
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
