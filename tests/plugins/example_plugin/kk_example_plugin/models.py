"""The example plugin's own data: quality marks on a profile, and a log of publish events."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class QualityMark(Orderable):
    """A quality mark (keurmerk) an organisation holds; part of the profile's revisions."""

    organisation = ParentalKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="quality_marks"
    )
    name = models.CharField("keurmerk", max_length=120)
    awarded_by = models.CharField("toegekend door", max_length=120, blank=True)
    valid_until = models.DateField("geldig tot", null=True, blank=True)

    def __str__(self):
        return self.name


class PublicationEvent(models.Model):
    """What the publish/unpublish reaction hooks saw (proves the reactions end to end)."""

    organisation_uuid = models.UUIDField()
    kind = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.organisation_uuid}"
