"""Moderation of organisation profiles through Wagtail's workflow.

Members save drafts (revisions) and submit them; moderators approve or reject with a comment
in the Wagtail admin (where they also see the revision diff). The member sees the outcome on
their screen and by email. The public sees the live row throughout: nothing here touches it
until a moderator's approval publishes the revision.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.locks import BasicLock, ScheduledForPublishLock
from wagtail.models import TaskState, WorkflowState

from .models import Organisation


class Status:
    DRAFT = "draft"
    IN_MODERATION = "in_moderation"
    REJECTED = "rejected"
    PUBLISHED = "published"

    LABELS = {
        DRAFT: _("Concept"),
        IN_MODERATION: _("Ter beoordeling"),
        REJECTED: _("Afgewezen met opmerking"),
        PUBLISHED: _("Gepubliceerd"),
    }


@dataclass
class ProfileStatus:
    code: str
    comment: str = ""
    reviewer: str = ""

    @property
    def label(self):
        return Status.LABELS[self.code]


def last_reviewer_comment(workflow_state, status) -> TaskState | None:
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=status)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def profile_status(organisation: Organisation) -> ProfileStatus:
    """What a member should read about their profile: concept, under review, rejected, live."""
    state = organisation.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = last_reviewer_comment(state, TaskState.STATUS_REJECTED)
        status = ProfileStatus(Status.REJECTED, comment=rejected.comment if rejected else "")
        if rejected and rejected.finished_by:
            status.reviewer = rejected.finished_by.get_full_name() or ""
        return status
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ProfileStatus(Status.IN_MODERATION)
    if organisation.has_unpublished_changes or not organisation.live:
        return ProfileStatus(Status.DRAFT)
    return ProfileStatus(Status.PUBLISHED)


class ProfileLocked(ValidationError):
    """A moderator locked the profile (Wagtail's "Vergrendelen"): members cannot change it."""

    def __init__(self):
        super().__init__(
            _(
                "De redactie werkt aan dit profiel en heeft het tijdelijk vergrendeld. U kunt het "
                "weer wijzigen zodra de redactie het vrijgeeft."
            ),
            code="locked",
        )


def moderator_lock(organisation: Organisation, user):
    """The lock that keeps `user` from changing the profile, or None.

    A moderator's explicit lock in the admin and a scheduled publication are Wagtail's locks
    and hold for the member screen and the API as well. The workflow's own lock (a profile under
    review is locked for everybody but the moderators) is deliberately not applied to members:
    they may keep improving a draft under review, and submitting it restarts the review
    (`submit_for_moderation`), so the moderators always review the newest revision.
    """
    live = Organisation.objects.get(pk=organisation.pk)  # a draft object's lock can be stale
    lock = live.get_lock()
    if isinstance(lock, BasicLock | ScheduledForPublishLock) and lock.for_user(user):
        return lock
    return None


def editable_draft(organisation: Organisation) -> Organisation:
    """The version a member continues editing: the latest revision, else the live row."""
    return organisation.get_latest_revision_as_object()


@transaction.atomic
def save_draft(draft: Organisation, user):
    """Store the member's edits as a new revision; the live row and public pages stay as is.

    Raises `ProfileLocked` when a moderator's lock keeps this user out.
    """
    if moderator_lock(draft, user) is not None:
        raise ProfileLocked
    return draft.save_revision(user=user, log_action=True)


@transaction.atomic
def submit_for_moderation(organisation: Organisation, user) -> WorkflowState:
    """Put the latest revision before the moderators.

    After a rejection the same workflow resumes; a profile already under review restarts its
    workflow so that the moderators always review the newest revision.
    """
    organisation = Organisation.objects.get(pk=organisation.pk)
    if moderator_lock(organisation, user) is not None:
        raise ProfileLocked
    workflow = organisation.get_workflow()
    if workflow is None:
        raise RuntimeError("No moderation workflow is assigned to organisations.")
    state = organisation.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return WorkflowState.objects.get(pk=state.pk)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.cancel(user=user)
    return workflow.start(organisation, user)


def _act(organisation: Organisation, user, action: str, comment: str):
    task_state = organisation.current_workflow_task_state
    if task_state is None:
        raise PermissionDenied
    task = task_state.task.specific
    allowed = {name for name, *_rest in task.get_actions(organisation, user)}
    if action not in allowed:
        raise PermissionDenied
    task.on_action(task_state, user, action, comment=comment)


def approve(organisation: Organisation, moderator, comment: str = ""):
    """Approve the current task as a moderator would in the admin (publishes on the last task)."""
    _act(organisation, moderator, "approve", comment)


def reject(organisation: Organisation, moderator, comment: str):
    """Reject with a comment: the workflow waits for the member's changes."""
    _act(organisation, moderator, "reject", comment)
