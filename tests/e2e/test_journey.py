"""The Klantreis and the Mindmap in a real browser: accessible, filterable, keyboard-navigable."""

import pytest

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e


def test_journey_page_is_accessible_and_filters_without_reload(page, browser_log):
    response = page.goto("/klantreis/")
    assert response.status == 200
    assert page.locator("table.matrix tbody tr").count() == 7
    assert_no_serious_axe_violations(page)

    page.select_option("#actor-filter", "gemeente")
    # The script hides the other actors' columns in place and keeps the URL shareable.
    assert page.locator("table.matrix thead th[data-actor]:visible").count() == 1
    assert page.locator("table.matrix thead th[data-actor='gemeente']").is_visible()
    assert "actor=gemeente" in page.url
    assert "Gemeente" in page.locator(".filter-status").inner_text()
    assert_no_serious_axe_violations(page)

    page.select_option("#actor-filter", "")
    assert page.locator("table.matrix thead th[data-actor]:visible").count() > 5
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []


def test_journey_matrix_becomes_a_list_per_phase_on_a_phone(open_page):
    page = open_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/klantreis/?actor=coa")
    assert not page.locator(".matrix-scroll").is_visible()
    first_phase = page.locator("#fase-aankomst-en-asielprocedure .phase-responsibilities")
    assert first_phase.is_visible()
    assert "COA" in first_phase.inner_text()
    assert "IND" not in first_phase.inner_text()
    assert_no_serious_axe_violations(page)


def test_mindmap_is_accessible_and_keyboard_navigable(page, browser_log):
    response = page.goto("/klantreis/mindmap/")
    assert response.status == 200
    assert_no_serious_axe_violations(page)

    nodes = page.locator(".mm-node")
    assert nodes.count() > 40
    nodes.first.focus()
    first = page.evaluate("() => document.activeElement.getAttribute('data-node')")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("() => document.activeElement.getAttribute('data-node')")
    assert first and second and first != second

    page.keyboard.press("Enter")
    assert page.locator("[data-mindmap].has-selection").count() == 1
    assert page.locator(".mm-node.is-selected").count() == 1
    assert page.locator(".mm-node.is-linked").count() >= 1
    assert page.locator(".mm-edge.is-linked").count() >= 1
    assert "verbonden met" in page.locator(".mindmap-status").inner_text()
    assert_no_serious_axe_violations(page)

    page.keyboard.press("Escape")
    assert page.locator("[data-mindmap].has-selection").count() == 0
    # The complete text alternative is on the same page.
    assert page.locator("#mindmap-text li").count() >= nodes.count()
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []
