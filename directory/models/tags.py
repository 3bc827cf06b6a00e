"""Tags on services: journey phases (a controlled vocabulary) and free themes.

Phases are django-taggit tags with their own tag model bound one-to-one to `journey.Phase`,
so a tag survives renames (it follows the phase's title) and retirement (it is hidden from new
choices but keeps resolving on existing services). Organisations choose from the vocabulary;
they cannot invent phases (`free_tagging = False`). Themes are plain taggit tags.

The through models use ParentalKey so tag choices live inside the organisation's revisions and
reach the public only when a revision is published.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase


class PhaseTagQuerySet(models.QuerySet):
    def active(self):
        """Tags an organisation may choose now: those of phases that are not retired."""
        return self.filter(phase__is_retired=False).order_by("phase__sort_order", "pk")


class PhaseTag(TagBase):
    """A journey phase as a tag: the controlled vocabulary for services."""

    free_tagging = False  # Wagtail's tag widget: choose from the list, never create

    phase = models.OneToOneField(
        "journey.Phase",
        verbose_name=_("fase"),
        on_delete=models.CASCADE,
        related_name="tag",
    )

    objects = PhaseTagQuerySet.as_manager()

    class Meta:
        ordering = ["phase__sort_order", "pk"]
        verbose_name = _("fasetag")
        verbose_name_plural = _("fasetags")

    @property
    def is_retired(self) -> bool:
        return self.phase.is_retired

    @classmethod
    def sync_from_phase(cls, phase) -> "PhaseTag":
        """Create or refresh the tag of a phase; its name and slug follow the phase."""
        name = phase.title[:100]
        if cls.objects.filter(name=name).exclude(phase=phase).exists():
            name = f"{phase.title} ({phase.slug})"[:100]
        tag, created = cls.objects.get_or_create(
            phase=phase, defaults={"name": name, "slug": slugify(phase.slug)[:100]}
        )
        if not created and (tag.name != name or tag.slug != phase.slug[:100]):
            tag.name = name
            tag.slug = phase.slug[:100]
            tag.save(update_fields=["name", "slug"])
        return tag


class ServicePhase(TaggedItemBase):
    """Which journey phases a service serves."""

    tag = models.ForeignKey(
        PhaseTag, on_delete=models.CASCADE, related_name="service_items", verbose_name=_("fase")
    )
    content_object = ParentalKey(
        "directory.Service", on_delete=models.CASCADE, related_name="phase_items"
    )

    class Meta:
        verbose_name = _("fase van dienst")
        verbose_name_plural = _("fasen van diensten")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="servicephase_unique"),
        ]


class ServiceTheme(TaggedItemBase):
    """Free themes of a service (plain taggit tags: taalcafé, huisvesting, ...)."""

    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        related_name="directory_service_items",
        verbose_name=_("thema"),
    )
    content_object = ParentalKey(
        "directory.Service", on_delete=models.CASCADE, related_name="theme_items"
    )

    class Meta:
        verbose_name = _("thema van dienst")
        verbose_name_plural = _("thema's van diensten")
