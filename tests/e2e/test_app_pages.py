"""The public pages that are not Wagtail pages (so not in the sitemap): the Klantreis, its
Mindmap and versions, the partner directory and site search, in Chromium with axe-core.

Issue 3 asks that the journey page pass axe-core in the browser test; the directory and search
pages are public pages under the same WCAG 2.1 AA bar.
"""

import pytest

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e

APP_PAGES = [
    "/klantreis/",
    "/klantreis/mindmap/",
    "/klantreis/versies/",
    "/partners/",
    "/zoeken/?q=inburgering",
]


def test_app_pages_are_accessible_and_self_contained(page, browser_log):
    for path in APP_PAGES:
        response = page.goto(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == "nl", path
        assert page.locator("main").count() == 1, path
        assert page.locator("h1").count() >= 1, path
        assert_no_serious_axe_violations(page)
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []
