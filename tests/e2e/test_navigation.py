"""Issue 2's browser test: from the home page, follow every main-navigation link in Chromium
and check each page with axe-core (no serious or critical violations), and the same for every
page the sitemap lists."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e

NAV = "nav[aria-label='Hoofdnavigatie']"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def main_nav_links(page) -> list[tuple[str, str]]:
    """(text, href) of every link in the main navigation, in order."""
    links = page.locator(f"{NAV} a")
    return [
        (links.nth(i).inner_text().strip(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]


def assert_page_is_sound(page, response, label: str) -> None:
    assert response is not None and response.status == 200, f"{label}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == "nl", label
    assert page.title().strip(), f"{label}: no <title>"
    assert page.locator("main").count() == 1, f"{label}: not exactly one <main>"
    assert page.locator("h1").count() >= 1, f"{label}: no <h1>"
    assert_no_serious_axe_violations(page)


def test_home_page_and_every_main_navigation_link(page, browser_log):
    response = page.goto("/")
    assert_page_is_sound(page, response, "home")
    links = main_nav_links(page)
    # The home link, the seed's menu pages and search: the navigation is not a stub.
    assert len(links) >= 4, links
    assert all(text for text, _ in links), f"a navigation link without text: {links}"

    for index, (text, href) in enumerate(links):
        page.goto("/")
        with page.expect_navigation() as navigation:
            page.locator(f"{NAV} a").nth(index).click()
        response = navigation.value
        assert urlsplit(page.url).path == urlsplit(href).path, (text, href, page.url)
        assert_page_is_sound(page, response, f"{text} ({href})")
        # The page says where the visitor is: its own link is marked as current.
        if href not in ("/zoeken/",):
            current = page.locator(f"{NAV} a[aria-current='page']")
            assert current.count() == 1, f"{text}: no aria-current link"
            assert current.get_attribute("href") == href

    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []


def test_every_page_in_the_sitemap_is_accessible(page, browser_log):
    response = page.request.get("/sitemap.xml")
    assert response.status == 200
    tree = ElementTree.fromstring(response.body())  # noqa: S314 (our own sitemap)
    locations = [loc.text for loc in tree.iter(f"{SITEMAP_NS}loc")]
    paths = sorted({urlsplit(location).path for location in locations})
    assert len(paths) >= 5, paths
    for path in paths:
        response = page.goto(path)
        assert_page_is_sound(page, response, path)
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []
