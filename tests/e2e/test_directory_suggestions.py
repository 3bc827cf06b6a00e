"""The directory's search field with name suggestions, used with the keyboard in Chromium.

A visitor types part of a name, hears how many names there are (the status region), moves
through the list with the arrow keys and opens an organisation with Enter; Escape closes the
list and Enter without a choice still searches. A draft organisation is never proposed.
"""

import pytest
from django.urls import reverse

from directory.models import Organisation

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e


def _published(name: str) -> Organisation:
    organisation = Organisation(name=name, description="Fictieve organisatie voor een test.")
    organisation.save()
    organisation.save_revision().publish()
    return organisation


@pytest.fixture
def organisations(live_site):
    west = _published("Fictieve Taalschool West")
    oost = _published("Fictief Taalhuis Oost")
    draft = Organisation(name="Fictief Taalpunt Concept", live=False)
    draft.save()
    draft.save_revision()
    return west, oost


def test_visitor_picks_a_suggested_name_with_the_keyboard(page, organisations, browser_log):
    west, _oost = organisations
    page.goto(reverse("directory_public:list"))
    field = page.get_by_role("combobox", name="Zoekterm")
    assert field.get_attribute("aria-expanded") == "false"
    field.press_sequentially("taal", delay=30)  # a prefix: "Taal" starts Taalhuis unstemmed

    listbox = page.get_by_role("listbox", name="Namen van organisaties")
    listbox.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    names = listbox.get_by_role("option").all_inner_texts()
    assert "Fictief Taalhuis Oost" in names and "Fictieve Taalschool West" in names
    assert "Fictief Taalpunt Concept" not in names
    status = page.locator("#filter-q-status")
    assert status.inner_text().startswith(f"{len(names)} namen gevonden")
    assert_no_serious_axe_violations(page)

    # Arrow keys move the active option; the field keeps the focus.
    position = names.index("Fictieve Taalschool West")
    for _ in range(position + 1):
        field.press("ArrowDown")
    active = page.locator("[role=option][aria-selected=true]")
    assert active.inner_text() == "Fictieve Taalschool West"
    assert field.get_attribute("aria-activedescendant") == active.get_attribute("id")
    assert page.evaluate("() => document.activeElement.id") == "filter-q"

    with page.expect_navigation():
        field.press("Enter")
    assert page.url.endswith(reverse("directory_public:organisation", kwargs={"slug": west.slug}))
    assert browser_log.page_errors == []


def test_escape_closes_and_enter_still_searches(page, organisations, browser_log):
    page.goto(reverse("directory_public:list"))
    field = page.get_by_role("combobox", name="Zoekterm")
    field.press_sequentially("taalhuis", delay=30)
    listbox = page.get_by_role("listbox", name="Namen van organisaties")
    listbox.wait_for()
    assert listbox.get_by_role("option").all_inner_texts() == ["Fictief Taalhuis Oost"]
    assert page.locator("#filter-q-status").inner_text().startswith("1 naam gevonden")

    field.press("Escape")
    assert listbox.is_hidden()
    assert field.get_attribute("aria-expanded") == "false"

    field.press("Enter")  # no option chosen: the search runs, the page stays the listing
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'taalhuis'")
    assert "Fictief Taalhuis Oost" in page.locator("#resultaten").inner_text()
    assert browser_log.page_errors == []
