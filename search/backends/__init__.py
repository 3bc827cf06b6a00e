"""Backend loading from settings, after Django's cache loader and django-modelsearch.

`DIRECTORY_SEARCH_BACKEND` may be a dotted path ("search.backends.database"), a short name
("database", "elasticsearch") or a dict with "BACKEND" and the backend's options. Without it,
`ELASTICSEARCH_URL` selects Elasticsearch and anything else the database backend.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

SHORT_NAMES = {
    "database": "search.backends.database",
    "elasticsearch": "search.backends.elasticsearch9",
    "elasticsearch9": "search.backends.elasticsearch9",
}


class InvalidSearchBackendError(ImproperlyConfigured):
    pass


def get_backend_config() -> dict:
    configured = getattr(settings, "DIRECTORY_SEARCH_BACKEND", None)
    if isinstance(configured, str) and configured:
        return {"BACKEND": configured}
    if isinstance(configured, dict) and configured:
        if "BACKEND" not in configured:
            raise InvalidSearchBackendError("DIRECTORY_SEARCH_BACKEND needs a 'BACKEND' key.")
        return dict(configured)
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if url:
        return {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": [url],
            "INDEX_PREFIX": getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "ketenkaart"),
        }
    return {"BACKEND": "search.backends.database"}


def import_backend(path: str):
    """A module path (whose `SearchBackend` is used) or a dotted path to a class."""
    path = SHORT_NAMES.get(path, path)
    try:
        return import_module(path).SearchBackend
    except (ImportError, AttributeError) as module_error:
        try:
            return import_string(path)
        except ImportError:
            raise InvalidSearchBackendError(
                f"Could not find search backend {path!r}: {module_error}"
            ) from module_error


def load_backend(config: dict | str | None = None, **options):
    """A new backend instance for a config (default: the configured one)."""
    if config is None:
        config = get_backend_config()
    elif isinstance(config, str):
        config = {"BACKEND": config}
    params = {**config, **options}
    backend_cls = import_backend(params.pop("BACKEND"))
    return backend_cls(params)


_backend = None


def get_backend():
    """The configured backend, created once per process (settings changes reset it)."""
    global _backend
    if _backend is None:
        _backend = load_backend()
    return _backend


def reset_backend(**kwargs) -> None:
    global _backend
    _backend = None


def _on_setting_changed(setting, **kwargs):
    if setting in ("DIRECTORY_SEARCH_BACKEND", "ELASTICSEARCH_URL", "DATABASES"):
        reset_backend()


setting_changed.connect(_on_setting_changed, dispatch_uid="kksearch-backend-reset")
