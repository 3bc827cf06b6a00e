"""The plugin machinery: discovery, registration, documentation and test coverage of hooks."""

import inspect
import re
from importlib.metadata import distribution, entry_points
from pathlib import Path

from django.conf import settings

from directory.plugins import hookspecs
from directory.plugins.discovery import ENTRY_POINT_GROUP, plugin_apps, plugin_modules
from directory.plugins.manager import get_plugin_manager

ROOT = Path(__file__).resolve().parents[2]
HOOK_NAMES = sorted(
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(fn, "ketenkaart.directory_spec")
)


def test_there_are_hooks():
    assert "directory_sections" in HOOK_NAMES
    assert len(HOOK_NAMES) >= 7


def test_every_hook_is_documented_with_its_docstring():
    """docs/plugins.md carries each hookspec's name and its docstring, word for word."""
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOK_NAMES:
        spec = getattr(hookspecs, name)
        assert f"### `{name}(" in docs, f"{name} is not documented in docs/plugins.md"
        assert inspect.cleandoc(spec.__doc__) in docs, f"{name}'s docstring differs in the docs"


def test_every_hook_has_a_test():
    """Every hookspec is exercised by a test called test_hook_<name> (datasette's rule)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    for name in HOOK_NAMES:
        assert re.search(rf"def test_hook_{name}\b", sources), f"no test_hook_{name}"


def test_builtin_plugins_are_registered_like_third_party_ones():
    pm = get_plugin_manager()
    names = {pm.get_name(p) for p in pm.get_plugins()}
    for module in settings.DIRECTORY_PLUGINS:
        assert module in names
    # The external example plugin comes in through its entry point, not through settings.
    assert "keurmerken" in names
    assert not any("kk_example_plugin" in m for m in settings.DIRECTORY_PLUGINS)


def test_example_plugin_is_its_own_installed_distribution():
    dist = distribution("ketenkaart-example-plugin")
    eps = [ep for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]
    assert [ep.value for ep in eps] == ["kk_example_plugin.plugin"]
    assert "kk_example_plugin.plugin" in [ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)]


def test_plugin_apps_are_installed_automatically():
    assert "kk_example_plugin" in settings.INSTALLED_APPS
    assert "directory.plugins.vacancies" in settings.INSTALLED_APPS
    assert "directory.plugins.opening_hours" in settings.INSTALLED_APPS


def test_discovery_finds_apps_only_for_packages_with_apps_py():
    modules = plugin_modules(
        ["directory.importers.plugin", "directory.plugins.vacancies.plugin"], use_entry_points=False
    )
    assert plugin_apps(modules) == ["directory.plugins.vacancies"]


def test_discovery_without_entry_points_keeps_the_configured_order():
    assert plugin_modules(["b.plugin", "a.plugin", "b.plugin"], use_entry_points=False) == [
        "b.plugin",
        "a.plugin",
    ]
