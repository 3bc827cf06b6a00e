"""Background tasks (django-tasks): index updates run off the request path."""

from __future__ import annotations

from django_tasks import task


@task()
def update_index(index_name: str, object_ids: list[int]) -> dict:
    """Re-read the given objects and update every store: live ones are (re)indexed, the others
    removed. One batch, so reindexing one organisation is one bulk call to Elasticsearch."""
    from . import get_backend
    from .registry import registry

    index = registry.get(index_name)
    return get_backend().update_objects(index, object_ids)


@task()
def sync_synonyms() -> bool:
    """Push the editors' synonym groups to the backend (Elasticsearch's synonym set)."""
    from . import get_backend

    return get_backend().sync_synonyms()
