"""The public site in a real browser: the home page loads, is accessible and self-contained."""

import pytest

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e


def test_home_page_loads_and_is_accessible(page, browser_log):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("main").count() == 1
    assert_no_serious_axe_violations(page)
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []


def test_skip_link_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
