"""Signal handlers of the directory: phase tags follow journey phases; publishing marks review."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

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
