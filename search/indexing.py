"""Indexing follows publishing: Wagtail's signals schedule a background task after commit.

Only `published` (which also covers a moderation approval: the workflow publishes the approved
revision), `unpublished` and `post_delete` trigger indexing; saving a draft does not. The task
reads the object's live row (with DraftStateMixin the row holds the live content, drafts live in
revisions), so a draft can never reach an index even if a task runs late.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

logger = logging.getLogger(__name__)


def schedule(index_name: str, object_ids: list[int]) -> None:
    """Enqueue an index update once the current transaction commits (never for rolled-back
    work, and after the published row is visible to the worker)."""
    ids = sorted({int(pk) for pk in object_ids if pk is not None})
    if not ids:
        return

    def enqueue():
        from .tasks import update_index

        update_index.enqueue(index_name, ids)

    transaction.on_commit(enqueue)


def _handler_for(index):
    def handler(sender, instance, **kwargs):
        schedule(index.name, [instance.pk])

    return handler


_handlers: dict[str, object] = {}


def connect_index(index) -> None:
    if index.name in _handlers:
        return
    model = index.get_model()
    handler = _handler_for(index)
    _handlers[index.name] = handler
    uid = f"kksearch-{index.name}"
    published.connect(handler, sender=model, dispatch_uid=f"{uid}-published", weak=False)
    unpublished.connect(handler, sender=model, dispatch_uid=f"{uid}-unpublished", weak=False)
    post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-deleted", weak=False)


def disconnect_index(index) -> None:
    if _handlers.pop(index.name, None) is None:
        return
    model = index.get_model()
    uid = f"kksearch-{index.name}"
    published.disconnect(sender=model, dispatch_uid=f"{uid}-published")
    unpublished.disconnect(sender=model, dispatch_uid=f"{uid}-unpublished")
    post_delete.disconnect(sender=model, dispatch_uid=f"{uid}-deleted")
