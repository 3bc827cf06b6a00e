"""Fixtures for the real-browser tests: a live site with the seed content, Chromium, users.

How the pieces fit:
- `live_site` serves the project through pytest-django's live server thread with the real seed
  content committed in the test database (the server thread must see committed data). The
  seed is loaded once, on the database the other tests left (the state the migrations leave:
  Wagtail's root page, default site, groups), and an exact snapshot of it (`snapshot.py`) is
  restored at the start of every test, so every test starts from the same database whatever
  the tests before it wrote. After the last browser test the database is put back as the
  browser tests found it. pytest-django's own `live_server` fixture is not used: it makes every
  test that uses it a TransactionTestCase that flushes the database after the test.
- `chromium` is Debian's Chromium driven by Playwright, launched once for the e2e package.
  Playwright's sync API keeps an asyncio loop running in the main thread, which Django's
  async-safety check mistakes for async code; DJANGO_ALLOW_ASYNC_UNSAFE is set only while the
  browser is alive, and the database connections are pinned (see `_playwright`).
- `open_page(user=None)` opens a fresh browser context (own cookies) on the live site, logged in
  as the given user when one is passed. Requests to any host but the live server are aborted
  and recorded in `browser_log`, so a page that loads an asset from the internet fails its test.
- The e2e tests run after every other test (see `pytest_collection_modifyitems`): they commit
  to the database while they run, which no other test should have to share.
"""

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client, override_settings
from django.test.utils import setup_databases, teardown_databases

from . import snapshot
from .browser import CHROMIUM_ARGS, SKIP_REASON, e2e_required, find_chromium

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = find_chromium()
DEFAULT_PASSWORD = "e2e-wachtwoord-1234"  # noqa: S105 (test accounts only)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

_skipped_e2e = 0


def _in_e2e(item: pytest.Item) -> bool:
    return E2E_DIR in Path(str(item.path)).resolve().parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark, skip (no Chromium) and move the browser tests to the end of the run."""
    global _skipped_e2e
    e2e_items, other_items = [], []
    for item in items:
        (e2e_items if _in_e2e(item) else other_items).append(item)
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
        if CHROMIUM is None and not e2e_required():
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
    if CHROMIUM is None and not e2e_required():
        _skipped_e2e = len(e2e_items)
    items[:] = other_items + e2e_items


_DB_FIXTURES = {"db", "transactional_db", "live_server"}
_pytest_django_creates_test_db = False


def _asks_pytest_django_for_default_db(item: pytest.Item) -> bool:
    """pytest-django's rule (`_get_databases_for_setup`): which tests make it create the
    default test database before the first of them runs."""
    from django.test import TransactionTestCase

    test_cls = getattr(item, "cls", None)
    if test_cls and issubclass(test_cls, TransactionTestCase):
        databases = getattr(test_cls, "databases", None) or {DEFAULT_DB_ALIAS}
    elif (marker := item.get_closest_marker("django_db")) is not None:
        databases = marker.kwargs.get("databases")
    elif _DB_FIXTURES & set(getattr(item, "fixturenames", ())):
        databases = None
    else:
        return False
    return databases is None or databases == "__all__" or DEFAULT_DB_ALIAS in databases


def pytest_collection_finish(session):
    global _pytest_django_creates_test_db
    _pytest_django_creates_test_db = any(map(_asks_pytest_django_for_default_db, session.items))


def pytest_terminal_summary(terminalreporter):
    """Say it loudly when the browser tests did not run, not only in the skip list."""
    if _skipped_e2e:
        terminalreporter.write_sep("=", f"{_skipped_e2e} browsertests: {SKIP_REASON}", yellow=True)


@pytest.fixture(scope="package")
def _playwright(django_db_setup):
    """Playwright's sync driver, with Django's async-safety check relaxed while it runs."""
    if CHROMIUM is None:
        message = SKIP_REASON
        if e2e_required():
            pytest.fail(f"KETENKAART_REQUIRE_E2E is gezet maar: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Django keeps database connections in an asgiref Local that switches to per-context storage
    # while an event loop runs in the thread: without this, the tests would get fresh connection
    # objects that lack the test database's serialized state (and, on in-memory SQLite, differ
    # from the one the live server shares). Keep using the very same connection objects.
    originals = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in originals.items():
                setattr(connections._connections, alias, connection)
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def chromium(_playwright):
    """Debian's Chromium, headless and with everything that reaches the network switched off."""
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def _test_database(django_db_setup, django_db_blocker):
    """The test database, also in a run of only browser tests.

    pytest-django creates it when a collected test asks for `db`, `transactional_db` or
    `live_server` (or is marked `django_db`); the browser tests ask for none of them, so run
    alone they would otherwise reach the configured (development) database.
    """
    if _pytest_django_creates_test_db:
        yield
        return
    with django_db_blocker.unblock():
        created = setup_databases(
            verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS}, serialized_aliases=set()
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(created, verbosity=0)


@pytest.fixture(scope="package")
def _live_server(request, _test_database):
    """pytest-django's live server thread (static files served), once for the package."""
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="package")
def _seeded_database(_live_server, _migrated_database, django_db_blocker, tmp_path_factory):
    """Load the seed content once (committed) and snapshot it; put the database back after.

    Returns the snapshot and the media folder seeding wrote to (the Klantreis PDFs).
    """
    media = tmp_path_factory.mktemp("e2e-seed-media")
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        if _migrated_database is not None:
            _migrated_database.restore()  # earlier transactional tests emptied every table
        found = snapshot.take(connection, "found")
        with override_settings(MEDIA_ROOT=media):
            call_command("load_seed_content", stdout=io.StringIO())
        seeded = snapshot.take(connection, "seeded")
    yield seeded, media
    with django_db_blocker.unblock():
        found.restore()
        seeded.discard()
        found.discard()


@pytest.fixture
def live_site(_seeded_database, _live_server, django_db_blocker, settings) -> str:
    """The site served by a live server with the real seed content; returns its base URL.

    Every test starts from the snapshot: the seeded database, the files seeding wrote (in the
    test's own media folder) and an empty cache (cached API responses carry the content
    generation, which the snapshot puts back to its value after seeding).
    """
    seeded, media = _seeded_database
    with django_db_blocker.unblock():
        seeded.restore()
        cache.clear()
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        _live_server._live_server_modified_settings.enable()
        try:
            yield _live_server.url
        finally:
            _live_server._live_server_modified_settings.disable()


@dataclass
class BrowserLog:
    """What happened in the browser during a test, for assertions."""

    blocked_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


def _watch(page, log: BrowserLog) -> None:
    def route(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            log.blocked_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: log.page_errors.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda msg: (
            log.console_errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None
        ),
    )


def session_cookie_for(user, base_url: str) -> dict:
    """A Django session cookie for `user`, made without going through the login form."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.fixture
def open_page(chromium, live_site, browser_log):
    """Factory: `open_page(user=None)` gives a Page in its own context on the live site.

    With a user, the context carries that user's session (any user: editor, member of an
    organisation, superuser). Every context is closed at the end of the test.
    """
    contexts = []

    def _open(user=None):
        context = chromium.new_context(base_url=live_site, locale="nl-NL")
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie_for(user, live_site)])
        page = context.new_page()
        _watch(page, browser_log)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """An anonymous visitor's page on the live site."""
    return open_page()


@pytest.fixture
def blank_page(chromium, browser_log):
    """A page on no server at all, for testing the helpers with `page.set_content`."""
    context = chromium.new_context()
    page = context.new_page()
    _watch(page, browser_log)
    yield page
    context.close()


@pytest.fixture
def create_user(live_site):
    """Factory: `create_user(username, groups=(), permissions=(), **fields)` with a known
    password (`DEFAULT_PASSWORD`), for tests that log in through the form as well."""

    def _create(username, *, groups=(), permissions=(), password=DEFAULT_PASSWORD, **fields):
        fields.setdefault("email", f"{username}@example.org")
        user = get_user_model().objects.create_user(username=username, password=password, **fields)
        for group in groups:
            user.groups.add(group if isinstance(group, Group) else Group.objects.get(name=group))
        for codename in permissions:
            app_label, _, perm = codename.partition(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=perm)
            )
        return user

    return _create


def editors_group() -> Group:
    """Wagtail's 'Editors' group (created by its migrations), with admin access."""
    group, _ = Group.objects.get_or_create(name="Editors")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    return group


@pytest.fixture
def editor(create_user, live_site):
    """An editor of the association: a Wagtail 'Editors' member, not a superuser."""
    return create_user(
        "redacteur", groups=[editors_group()], first_name="Rian", last_name="Redacteur"
    )


@pytest.fixture
def editor_page(open_page, editor):
    """A page on the live site, logged in as the editor."""
    return open_page(editor)
