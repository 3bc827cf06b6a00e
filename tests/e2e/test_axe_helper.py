"""The accessibility helper itself: it must catch what it claims to catch, readably."""

import pytest

from .axe import assert_no_serious_axe_violations, axe_version, run_axe

pytestmark = pytest.mark.e2e

ACCESSIBLE = """<!DOCTYPE html><html lang="nl"><head><title>Toegankelijk</title></head>
<body><header><a href="#main">Naar de inhoud</a></header>
<main id="main"><h1>Kop</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Stip">
<p>Tekst.</p></main></body></html>"""

BROKEN = """<!DOCTYPE html><html><head><title>Kapot</title></head><body><main>
<h1>Kop</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button></button><p style="color:#777;background:#888">Slecht leesbaar</p></main></body></html>"""


def test_axe_core_is_the_packaged_copy():
    """axe-core comes from the installed package, not a CDN, and is a 4.x release."""
    assert axe_version().startswith("4.")


def test_accessible_page_passes(blank_page, browser_log):
    blank_page.set_content(ACCESSIBLE)
    assert_no_serious_axe_violations(blank_page)
    assert browser_log.blocked_requests == []


def test_serious_violations_fail_with_a_readable_list(blank_page):
    blank_page.set_content(BROKEN)
    found = {v["id"]: v["impact"] for v in run_axe(blank_page)}
    assert found["image-alt"] == "critical"
    assert found["button-name"] == "critical"
    assert found["html-has-lang"] == "serious"
    with pytest.raises(AssertionError) as failure:
        assert_no_serious_axe_violations(blank_page)
    report = str(failure.value)
    assert "[critical] image-alt" in report
    assert "[serious] html-has-lang" in report
    assert "<img" in report


def test_external_requests_are_blocked_and_recorded(blank_page, browser_log):
    """A page that pulls an asset from the internet is caught (and never reaches it)."""
    blank_page.set_content(
        '<html lang="nl"><head><title>x</title>'
        '<link rel="stylesheet" href="https://cdn.example.org/x.css"></head><body></body></html>'
    )
    assert browser_log.blocked_requests == ["https://cdn.example.org/x.css"]
