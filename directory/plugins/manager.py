"""The directory's plugin manager: one pluggy manager, built once, used by every call site.

Plugins come from two places that are treated identically: the ``DIRECTORY_PLUGINS`` setting
(dotted module paths; the built-in extras are listed there by default) and the
``ketenkaart.directory`` entry-point group of installed distributions. The helpers below flatten
the lists the contribution hooks return, so call sites in the core stay one line long.
"""

import functools
import importlib
import logging
from importlib.metadata import entry_points

import pluggy
from django.conf import settings

from . import hookspecs
from .discovery import ENTRY_POINT_GROUP

logger = logging.getLogger(__name__)


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """Build the plugin manager from settings and entry points (cached for the process)."""
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for dotted in getattr(settings, "DIRECTORY_PLUGINS", []):
        module = importlib.import_module(dotted)
        if not pm.is_registered(module):
            pm.register(module, name=dotted)
    if getattr(settings, "DIRECTORY_PLUGIN_ENTRY_POINTS", True):
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            module = ep.load()
            if not pm.is_registered(module) and pm.get_plugin(ep.name) is None:
                pm.register(module, name=ep.name)
    return pm


def reset_plugin_manager() -> None:
    """Forget the cached manager (tests that change DIRECTORY_PLUGINS call this)."""
    get_plugin_manager.cache_clear()


def _flatten(results) -> list:
    return [item for result in results if result for item in result]


def sections() -> list:
    """Every profile section of every plugin, in display order."""
    items = _flatten(get_plugin_manager().hook.directory_sections())
    return sorted(items, key=lambda s: (s.order, s.key))


def facets() -> list:
    """Every search facet of every plugin, in display order."""
    items = _flatten(get_plugin_manager().hook.directory_search_facets())
    return sorted(items, key=lambda f: (f.order, f.param))


def importers() -> dict:
    """Import formats by key."""
    return {i.key: i for i in _flatten(get_plugin_manager().hook.directory_importers())}


def exporters() -> dict:
    """Export formats by key."""
    return {e.key: e for e in _flatten(get_plugin_manager().hook.directory_exporters())}


def validation_errors(organisation) -> dict[str, list]:
    """Merge every plugin's validation errors for an organisation into ``{field: [messages]}``."""
    merged: dict[str, list] = {}
    for result in get_plugin_manager().hook.directory_validate_organisation(
        organisation=organisation
    ):
        for field, messages in (result or {}).items():
            if isinstance(messages, str | bytes) or not isinstance(messages, list | tuple):
                messages = [messages]
            merged.setdefault(field, []).extend(messages)
    return merged


def validation_error(organisation):
    """The plugins' errors as one ``ValidationError`` for ``Organisation.clean()``, or None.

    Errors are reported as form-wide (non-field) errors naming the field, because a form (the
    member screen, say) need not include every field a plugin validates.
    """
    from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError

    messages = []
    for field_name, field_messages in validation_errors(organisation).items():
        label = ""
        if field_name != NON_FIELD_ERRORS:
            try:
                label = str(organisation._meta.get_field(field_name).verbose_name)
            except FieldDoesNotExist:
                label = field_name
        messages += [f"{label}: {m}" if label else str(m) for m in field_messages]
    return ValidationError(messages) if messages else None


def notify(hook_name: str, organisation) -> None:
    """Call a reaction hook; a failing plugin is logged and never breaks publishing."""
    hook = getattr(get_plugin_manager().hook, hook_name)
    for impl in hook.get_hookimpls():
        kwargs = {"organisation": organisation}
        try:
            impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
        except Exception:
            logger.exception("Directory plugin %s failed in %s", impl.plugin_name, hook_name)


def prefetch_lookups() -> list:
    """The prefetch lookups every section needs on listing and detail pages."""
    return [lookup for section in sections() for lookup in section.prefetch]
