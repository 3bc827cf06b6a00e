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


FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName,
    text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""


def test_keyboard_focus_is_visible(page):
    """WCAG 2.4.7: every element reached with Tab shows where the focus is (axe cannot see
    this, so the browser test walks the page with the keyboard)."""
    page.goto("/")
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "BODY":
            break
        seen.append(state)
        assert state["outline"] or state["shadow"], f"focus not visible on {state}"
    assert len(seen) >= 3, seen


@pytest.mark.parametrize("width", [320, 768])
def test_pages_reflow_on_narrow_screens(page, width):
    """WCAG 1.4.10: at 320 CSS pixels wide no page of the main navigation (and the Mindmap,
    linked from the Klantreis) scrolls sideways; the Mindmap's diagram scrolls in its box."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    paths = page.locator("nav[aria-label='Hoofdnavigatie'] a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert paths
    for path in [*paths, "/klantreis/mindmap/"]:
        page.goto(path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
