"""Publishing changes what the API returns: bump the content generation and send webhooks.

Wagtail sends `published` / `unpublished` for every model with DraftStateMixin (pages,
organisations, journey versions); pages also send `page_published`, which we do not need.
Vocabulary models without drafts (municipalities, organisation types, ...) change the API when
they are saved or deleted, so their saves bump the generation too.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import published, unpublished

from directory.importers.indexing import organisations_written

from . import generation, webhooks
from .models import WebhookEvent

# Apps whose rows the public API shows; saves of their non-draft models bump the generation.
PUBLIC_DATA_APPS = getattr(settings, "API_PUBLIC_DATA_APPS", ["directory", "journey", "taggit"])

# Fields Wagtail updates on its own when saving a draft revision or locking an object.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision_created_at",
}


def _event_for(instance, *, is_publish: bool) -> str | None:
    if isinstance(instance, Page):
        return WebhookEvent.PAGE_PUBLISHED if is_publish else None
    label = instance._meta.label_lower
    if label == "directory.organisation":
        return (
            WebhookEvent.ORGANISATION_PUBLISHED
            if is_publish
            else WebhookEvent.ORGANISATION_UNPUBLISHED
        )
    if instance._meta.app_label == "journey" and is_publish:
        return WebhookEvent.JOURNEY_VERSION_PUBLISHED
    return None


def _data_for(instance) -> dict:
    """A small, public description of what changed; receivers fetch details from the API."""
    data = {"type": instance._meta.label}
    if isinstance(instance, Page):
        data.update(
            {
                "pageApiId": instance.pk,
                "title": instance.title,
                "slug": instance.slug,
                "url": instance.full_url,
                "links": {"self": f"/api/v2/pages/{instance.pk}/"},
            }
        )
        return data
    for attr in ("uuid", "slug", "name", "title", "version_number", "effective_date"):
        value = getattr(instance, attr, None)
        if value is not None and not callable(value):
            data["id" if attr == "uuid" else attr] = value
    if instance._meta.label_lower == "directory.organisation" and "id" in data:
        data["links"] = {"self": f"/api/v1/organisations/{data['id']}"}
    return data


@receiver(published)
def on_published(sender, instance, **kwargs):
    generation.bump()
    event = _event_for(instance, is_publish=True)
    if event:
        webhooks.dispatch(event, _data_for(instance))


@receiver(unpublished)
def on_unpublished(sender, instance, **kwargs):
    generation.bump()
    event = _event_for(instance, is_publish=False)
    if event:
        webhooks.dispatch(event, _data_for(instance))


@receiver(post_save)
def on_public_row_saved(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label not in PUBLIC_DATA_APPS:
        return
    update_fields = kwargs.get("update_fields")
    if (
        isinstance(instance, DraftStateMixin)
        and update_fields
        and set(update_fields) <= BOOKKEEPING_FIELDS
    ):
        return  # save_revision / locking: nothing public changed; publishing bumps
    generation.bump()


@receiver(organisations_written)
def on_organisations_bulk_written(sender, ids, **kwargs):
    """CSV/HSDS imports and the demo generator write rows without publish signals."""
    if ids:
        generation.bump()


@receiver(post_delete)
def on_public_row_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or sender._meta.app_label in PUBLIC_DATA_APPS:
        generation.bump()
