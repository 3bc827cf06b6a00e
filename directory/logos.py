"""Members' logos: the collection they go into, and deleting the ones nothing uses any more.

A logo uploaded on the member screen is a Wagtail image at once (images have no drafts), but
only the draft points at it. When a later draft replaces or removes it before approval, or a
profile is published with another logo, the image would stay in the collection forever. This
module deletes such images, and only images in the logo collection, when none of these uses
them:

- an organisation row (live or not yet published);
- a revision that may still be published: the latest revision of an organisation (also after
  a rejection: the member can resubmit it) or one scheduled to go live; the same for every
  other model with drafts (pages, snippets), whose draft revisions are scanned with Wagtail's
  own reference extraction;
- anything in Wagtail's reference index (live pages, snippets, rich text: what the image's
  "usage" page lists).

Two triggers: at once after a new organisation revision no longer points at the previous
revision's logo (`directory.signals`), and `manage.py delete_unused_logos` (daily; images
older than `--older-than-days`, so an image a moderator put in the collection and has not used
yet, or an old version someone may still want to restore, is kept for a while).
"""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    DraftStateMixin,
    ReferenceIndex,
    Revision,
    RevisionMixin,
)

logger = logging.getLogger(__name__)

LOGO_COLLECTION_NAME = "Logo's partnergids"


def logo_collection() -> Collection:
    """The Wagtail collection members' logos go into (created on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=LOGO_COLLECTION_NAME).first()
    return existing or root.add_child(name=LOGO_COLLECTION_NAME)


def logo_images():
    """The images in the logo collection (none if it does not exist yet)."""
    return get_image_model().objects.filter(
        collection__in=Collection.objects.filter(name=LOGO_COLLECTION_NAME)
    )


def _may_be_published(latest_revisions) -> Q:
    """Revisions that may still become live: the latest ones (an approved workflow publishes
    the object's latest revision, also after a rejection and resubmission) and those scheduled
    to go live (`publish_scheduled`). An older revision can only come back as a new revision
    (the history's "revert"), which then no longer has a deleted logo."""
    return Q(pk__in=latest_revisions) | Q(approved_go_live_at__isnull=False)


def _organisation_ids_in_use(candidate_ids: set[int]) -> set[int]:
    from .models import Organisation

    used = set(
        Organisation.objects.filter(logo_id__in=candidate_ids).values_list("logo_id", flat=True)
    )
    latest = Organisation.objects.exclude(latest_revision=None).values("latest_revision")
    pending = Revision.objects.filter(
        _may_be_published(latest),
        base_content_type=ContentType.objects.get_for_model(Organisation),
        content__logo__in=sorted(candidate_ids),
    ).distinct()
    used.update(content["logo"] for content in pending.values_list("content", flat=True))
    return used


def _draft_models():
    """Models other than organisations whose drafts live in revisions (pages, snippets)."""
    from .models import Organisation

    for model in apps.get_models():
        if not (issubclass(model, DraftStateMixin) and issubclass(model, RevisionMixin)):
            continue
        if model is Organisation or model._meta.proxy:
            continue
        if model._meta.get_field("latest_revision").model is not model:
            continue  # a subclass of a model that is scanned already (every page is a Page)
        yield model


def _other_drafts_in_use(candidate_ids: set[int], since) -> set[int]:
    """Images referenced by other models' revisions that may be published (newer than `since`:
    an older revision cannot point at a newer image)."""
    image_type = ContentType.objects.get_for_model(get_image_model())
    latest_ids = set()
    for model in _draft_models():
        latest_ids.update(
            model._default_manager.filter(
                has_unpublished_changes=True, latest_revision__created_at__gte=since
            ).values_list("latest_revision", flat=True)
        )
    from .models import Organisation

    revisions = (
        Revision.objects.filter(_may_be_published(sorted(latest_ids)), created_at__gte=since)
        .exclude(base_content_type=ContentType.objects.get_for_model(Organisation))
        .distinct()
    )
    used = set()
    for revision in revisions.iterator():
        # Wagtail's own reference extraction (what fills the reference index), on the draft.
        for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(
            revision.as_object()
        ):
            if content_type_id == image_type.pk and object_id.isdigit():
                used.add(int(object_id))
    return used & candidate_ids


def images_in_use(images) -> set[int]:
    """The ids of these images that something uses (see the module docstring)."""
    candidate_ids = {image.pk for image in images}
    if not candidate_ids:
        return set()
    used = _organisation_ids_in_use(candidate_ids)
    image_type = ContentType.objects.get_for_model(get_image_model())
    used.update(
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            to_content_type=image_type, to_object_id__in=[str(pk) for pk in candidate_ids]
        ).values_list("to_object_id", flat=True)
    )
    rest = candidate_ids - used
    if rest:
        since = min(image.created_at for image in images if image.pk in rest)
        used.update(_other_drafts_in_use(rest, since))
    return used & candidate_ids


def delete_unused_logos(candidates=None, *, older_than=None, dry_run=False) -> list:
    """Delete the logo-collection images that nothing uses; returns those (to be) deleted.

    `candidates`: image ids to consider (default: the whole logo collection); `older_than`: a
    timedelta, only images created before now minus it are considered.
    """
    images = logo_images()
    if candidates is not None:
        images = images.filter(pk__in=[pk for pk in candidates if pk is not None])
    if older_than is not None:
        images = images.filter(created_at__lt=timezone.now() - older_than)
    images = list(images)
    used = images_in_use(images)
    unused = [image for image in images if image.pk not in used]
    if not dry_run:
        for image in get_image_model().objects.filter(pk__in=[image.pk for image in unused]):
            logger.info("Deleting unused logo %s (%s)", image.pk, image.title)
            image.delete()  # Wagtail removes the file and its renditions
    return unused
