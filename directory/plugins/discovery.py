"""Which modules are directory plugins, and which Django apps they bring.

Imported by settings, before Django is set up: it only reads entry-point metadata and looks
for ``apps.py`` beside a plugin module, it never imports a plugin. A plugin is a module with
``@hookimpl`` functions; when that module sits in a package with an ``apps.py``, the package is a
Django app (models, migrations, templates) and is added to ``INSTALLED_APPS``.
"""

import importlib.util
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "ketenkaart.directory"


def entry_point_modules() -> list[str]:
    """Return the module of every installed plugin that declares our entry-point group."""
    return [ep.module for ep in entry_points(group=ENTRY_POINT_GROUP)]


def plugin_modules(configured: list[str], use_entry_points: bool = True) -> list[str]:
    """Return the plugin modules: the configured list first, then discovered ones, no duplicates."""
    modules = list(configured)
    if use_entry_points:
        modules += entry_point_modules()
    return list(dict.fromkeys(modules))


def plugin_apps(modules: list[str]) -> list[str]:
    """Return the Django apps of the given plugin modules (their package, when it has apps.py)."""
    apps = []
    for module in modules:
        package = module.rpartition(".")[0]
        if package and importlib.util.find_spec(f"{package}.apps") is not None:
            apps.append(package)
    return list(dict.fromkeys(apps))
