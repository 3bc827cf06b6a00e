"""Stable identities of phases and actors (the contract other apps build on).

A row here is never deleted when a journey version drops it: it is marked `is_retired`, so the
directory's phase tags and earlier journey versions still resolve it. The current title, order
and retirement are kept in step with the latest published journey version on publish.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityQuerySet(models.QuerySet):
    """Shared queryset for identities: `.active()` is what the current journey shows."""

    def active(self):
        return self.filter(is_retired=False).order_by(*self.model._meta.ordering)

    def retired(self):
        return self.filter(is_retired=True).order_by(*self.model._meta.ordering)


class Phase(models.Model):
    """A phase of the Klantreis, stable across versions (public id: `uuid`, URLs: `slug`)."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("De huidige titel; wordt bijgewerkt bij het publiceren van een versie."),
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0, db_index=True)
    is_retired = models.BooleanField(
        _("vervallen"),
        default=False,
        help_text=_("Vervallen fasen blijven zichtbaar in oudere versies en bij organisaties."),
    )

    objects = IdentityQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self):
        return self.title


class Actor(models.Model):
    """An organisation role along the journey (COA, gemeente, ...), stable across versions."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(
        _("naam"),
        max_length=200,
        help_text=_("De huidige naam; wordt bijgewerkt bij het publiceren van een versie."),
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0, db_index=True)
    is_retired = models.BooleanField(_("vervallen"), default=False)

    objects = IdentityQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("actor")
        verbose_name_plural = _("actoren")

    def __str__(self):
        return self.name


class MindmapNode(models.Model):
    """A Mindmap node (life domain, agency, trajectory or scheme), stable across versions.

    Edges point at these identities, so a node can be relabelled without breaking connections.
    """

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=200)
    is_retired = models.BooleanField(_("vervallen"), default=False)

    objects = IdentityQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        verbose_name = _("mindmapknoop")
        verbose_name_plural = _("mindmapknopen")

    def __str__(self):
        return self.label
