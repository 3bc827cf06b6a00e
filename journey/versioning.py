"""What publishing a journey does besides Wagtail's own bookkeeping.

On Wagtail's `published` signal a numbered `JourneyVersion` is recorded for the published
revision, the stable identities are brought in line with it (current title and order; those
the version dropped are retired, never deleted), and the A3 PDFs are regenerated in the
background once the transaction commits.
"""

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

from .models import Actor, Journey, JourneyVersion, MindmapNode, Phase


def record_version(journey: Journey, revision) -> JourneyVersion:
    """Append the next version number for this journey, pointing at `revision`."""
    with transaction.atomic():
        last = JourneyVersion.objects.filter(journey=journey).aggregate(n=Max("number"))["n"]
        version = JourneyVersion.objects.create(
            journey=journey,
            number=(last or 0) + 1,
            revision=revision,
            effective_date=journey.effective_date or timezone.localdate(),
            change_summary=journey.change_summary,
            published_at=timezone.now(),
        )
        sync_identities(journey)
    return version


def _sync(model, rows, label_field):
    """Give identities in `rows` the version's label and order; retire the others."""
    updates = []
    by_id = {obj.pk: obj for obj in model.objects.filter(pk__in=[r[0] for r in rows])}
    for position, (identity_id, label) in enumerate(rows):
        obj = by_id.get(identity_id)
        if obj is None:
            continue
        setattr(obj, label_field, label or getattr(obj, label_field))
        obj.is_retired = False
        if hasattr(obj, "sort_order"):
            obj.sort_order = position
        updates.append(obj)
    fields = [label_field, "is_retired"] + (["sort_order"] if hasattr(model, "sort_order") else [])
    model.objects.bulk_update(updates, fields)
    model.objects.exclude(pk__in=[r[0] for r in rows]).update(is_retired=True)


def sync_identities(journey: Journey) -> None:
    """Make `Phase`/`Actor`/`MindmapNode` reflect the journey as just published."""
    _sync(
        Phase,
        [(c.phase_id, c.title) for c in journey.phases.all()],
        "title",
    )
    _sync(Actor, [(c.actor_id, c.name) for c in journey.actors.all()], "name")
    _sync(MindmapNode, [(c.node_id, c.label) for c in journey.nodes.all()], "label")


@receiver(published, sender=Journey, dispatch_uid="journey_record_version")
def on_journey_published(sender, instance, revision=None, **kwargs):
    """Record the version and schedule the PDFs for it."""
    if revision is None:
        revision = instance.live_revision
    version = record_version(instance, revision)
    from .tasks import generate_pdfs

    transaction.on_commit(lambda: generate_pdfs.enqueue(version.pk))
