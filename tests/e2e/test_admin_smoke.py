"""An editor logs in to Wagtail's admin through the real form and opens the page explorer."""

import pytest
from django.contrib.auth import get_user_model

from cms.models import HomePage

from .conftest import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


def test_editor_logs_in_and_opens_the_page_explorer(page, editor, browser_log):
    page.goto("/admin/")
    # Not logged in: the admin sends the editor to its login form.
    assert "/admin/login/" in page.url
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    assert page.locator("main").count() == 1

    # The explorer's root lists the seed's home page; its title leads to the edit form.
    response = page.goto("/admin/pages/")
    assert response.status == 200
    home = HomePage.objects.get()
    page.locator("main a", has_text=home.title).first.click()
    page.wait_for_url(f"**/admin/pages/{home.pk}/edit/")
    assert page.locator("input[name=title]").input_value() == home.title
    # And the explorer of the home page itself lists its children.
    response = page.goto(f"/admin/pages/{home.pk}/")
    assert response.status == 200
    assert page.locator("main").inner_text().strip()
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []


def test_wrong_password_is_refused(page, editor):
    page.goto("/admin/login/")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", "niet-het-wachtwoord")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/admin/login/" in page.url
    assert get_user_model().objects.get(pk=editor.pk).last_login is None


def test_logged_in_fixture_gives_an_admin_session(editor_page, editor):
    response = editor_page.goto("/admin/pages/")
    assert response.status == 200
    assert "/admin/login/" not in editor_page.url
    assert editor.get_username() in editor_page.content() or editor.first_name in (
        editor_page.content()
    )
