"""Signal handlers of the directory: phase tags follow journey phases; publishing marks review,
links services to new locations; a draft that drops a logo lets it be deleted."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Revision
from wagtail.signals import published, workflow_approved, workflow_rejected

from journey.models import Phase

from .models import Organisation, PhaseTag


@receiver(post_save, sender=Phase, dispatch_uid="directory_sync_phase_tag")
def sync_phase_tag(sender, instance, raw=False, **kwargs):
    """Every journey phase has exactly one phase tag, named after the phase's current title."""
    if not raw:
        PhaseTag.sync_from_phase(instance)


@receiver(published, sender=Organisation, dispatch_uid="directory_mark_reviewed")
def mark_reviewed_on_publish(sender, instance, **kwargs):
    """An approved (published) profile counts as reviewed at that moment."""
    now = timezone.now()
    Organisation.objects.filter(pk=instance.pk).update(last_reviewed_at=now)
    instance.last_reviewed_at = now


@receiver(published, sender=Organisation, dispatch_uid="directory_link_pending_locations")
def link_pending_locations(sender, instance, **kwargs):
    """Turn a published draft's links to its new locations into real `Service.locations` links.

    A service in a draft may be offered at a location that was new in the same draft (it had no
    database id, so the draft kept its UUID in `pending_location_uuids`). Publishing created the
    location with that UUID; link it now and empty the list.
    """
    from .models import Location, Service

    services = [
        service
        for service in Service.objects.filter(organisation=instance)
        if service.pending_location_uuids
    ]
    if not services:
        return
    by_uuid = {
        str(location.uuid): location for location in Location.objects.filter(organisation=instance)
    }
    for service in services:
        found = [by_uuid[u] for u in service.pending_location_uuids if u in by_uuid]
        if found:
            service.locations.add(*found)
            service.locations.commit()
        Service.objects.filter(pk=service.pk).update(pending_location_uuids=[])


@receiver(post_save, sender=Revision, dispatch_uid="directory_superseded_logo")
def delete_superseded_logo(sender, instance, created=False, raw=False, **kwargs):
    """A new revision of an organisation that no longer points at the previous revision's logo
    (replaced or removed, before or after approval): delete that image once the revision is
    committed, if nothing else uses it (`directory.logos` checks everything and only ever
    deletes images in the logo collection)."""
    if raw or not created or instance.base_content_type_id != _organisation_type_id():
        return
    previous_logo = (
        Revision.objects.filter(
            base_content_type_id=instance.base_content_type_id,
            object_id=instance.object_id,
            pk__lt=instance.pk,
        )
        .order_by("-pk")
        .values_list("content__logo", flat=True)  # only the key (decoded), not the whole JSON
        .first()
    )
    if previous_logo is None or previous_logo == (instance.content or {}).get("logo"):
        return
    old_logo = int(previous_logo)
    from .logos import delete_unused_logos

    # robust: a failed clean-up is logged and never turns the member's saved edit into an error.
    transaction.on_commit(lambda: delete_unused_logos([old_logo]), robust=True)


def _organisation_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Organisation).pk


def _organisation_of(workflow_state):
    obj = workflow_state.content_object
    return obj if isinstance(obj, Organisation) else None


def _notify(workflow_state, approved: bool):
    from wagtail.models import TaskState

    from .emails import send_moderation_outcome
    from .moderation import last_reviewer_comment

    organisation = _organisation_of(workflow_state)
    if organisation is None:
        return
    status = TaskState.STATUS_APPROVED if approved else TaskState.STATUS_REJECTED
    task_state = last_reviewer_comment(workflow_state, status)
    comment = task_state.comment if task_state else ""
    requester = workflow_state.requested_by
    extra = [requester.email] if requester and requester.email else []
    transaction.on_commit(
        lambda: send_moderation_outcome(
            organisation, approved=approved, comment=comment, extra=extra
        )
    )


@receiver(workflow_approved, dispatch_uid="directory_notify_approved")
def notify_approved(sender, instance, user=None, **kwargs):
    """Members hear that their profile changes are live."""
    _notify(instance, approved=True)


@receiver(workflow_rejected, dispatch_uid="directory_notify_rejected")
def notify_rejected(sender, instance, user=None, **kwargs):
    """Members get the moderator's comment when their changes are rejected."""
    _notify(instance, approved=False)


def hand_outcome_emails_to_the_directory() -> None:
    """Wagtail emails only the submitter about approval/rejection, in its own wording. For
    organisations our notification above reaches every member with the moderator's comment,
    so Wagtail's notifiers skip organisation workflows (submission emails to moderators stay).
    """
    from wagtail.admin import signal_handlers as wagtail_handlers

    for notifier in (
        wagtail_handlers.workflow_approval_email_notifier,
        wagtail_handlers.workflow_rejection_email_notifier,
    ):
        if getattr(notifier, "_directory_wrapped", False):
            continue
        original = notifier.can_handle

        def can_handle(instance, _original=original, **kwargs):
            if _organisation_of(instance) is not None:
                return False
            return _original(instance, **kwargs)

        notifier.can_handle = can_handle
        notifier._directory_wrapped = True
