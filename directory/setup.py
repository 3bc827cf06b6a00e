"""Idempotent setup of the directory's moderation: the moderator group and the workflow.

Runs on `post_migrate` (so fresh databases, test databases and databases flushed between
browser tests all have it) and from `manage.py setup_directory_moderation`. It only creates what
is missing: a group that exists keeps the permissions editors gave it, and when editors assigned
another workflow to organisations that choice stands.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .roles import MODERATOR_GROUP_NAME, MODERATOR_PERMISSIONS

WORKFLOW_NAME = "Partnergids: beoordeling door de redactie"
TASK_NAME = "Beoordeling door de moderatoren"


def _permission(codename: str, app_label: str) -> Permission | None:
    """Find a permission, creating Wagtail's extra snippet ones (publish/lock) if not there yet."""
    found = Permission.objects.filter(codename=codename, content_type__app_label=app_label).first()
    if found or app_label != "directory":
        if not found and app_label == "wagtailadmin":
            content_type, _ = ContentType.objects.get_or_create(
                app_label="wagtailadmin", model="admin"
            )
            found, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": "Can access Wagtail admin"},
            )
        return found
    action, _, model_name = codename.partition("_")
    if action not in {"publish", "lock", "unlock"}:
        return None
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return None
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model_name}"},
    )
    return found


def ensure_moderator_group() -> Group:
    group, created = Group.objects.get_or_create(name=MODERATOR_GROUP_NAME)
    if created:
        # post_migrate receivers run in app order; make sure the permissions exist already.
        for label in ("directory", "directory_public", "wagtailadmin"):
            create_permissions(apps.get_app_config(label), verbosity=0)
        permissions = [_permission(codename, app) for codename, app in MODERATOR_PERMISSIONS]
        group.permissions.set([p for p in permissions if p is not None])
    return group


def ensure_workflow(group: Group):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    from .models import Organisation

    content_type = ContentType.objects.get_for_model(Organisation)
    existing = WorkflowContentType.objects.filter(content_type=content_type).first()
    if existing:
        return existing.workflow
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(workflow=workflow, content_type=content_type)
    return workflow


def ensure_phase_tags() -> None:
    from journey.models import Phase

    from .models import PhaseTag

    for phase in Phase.objects.filter(tag__isnull=True):
        PhaseTag.sync_from_phase(phase)


@transaction.atomic
def ensure_directory_setup() -> None:
    group = ensure_moderator_group()
    ensure_workflow(group)
    ensure_phase_tags()


def on_post_migrate(sender, using="default", plan=None, **kwargs):
    """post_migrate receiver (sender: the directory app config)."""
    if using != "default":
        return
    ensure_directory_setup()
