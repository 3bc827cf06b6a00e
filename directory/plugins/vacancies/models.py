"""Volunteering vacancies (vrijwilligersvacatures) on an organisation's profile.

Volunteers (taalmaatjes, buddies) are one of the five attention points; organisations list what
they are looking for here. A cluster child of the organisation: vacancies follow drafts,
revisions and moderation, and leave the public site when the organisation is unpublished.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class VolunteerVacancy(Orderable):
    """A volunteering opportunity: what, how many hours, in which phase, until when."""

    organisation = ParentalKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="volunteer_vacancies"
    )
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    phase = models.ForeignKey(
        "journey.Phase",
        verbose_name=_("fase van de Klantreis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("e-mailadres om te reageren"), blank=True)
    closes_on = models.DateField(_("open tot en met"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("vrijwilligersvacature")
        verbose_name_plural = _("vrijwilligersvacatures")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closes_on is None or self.closes_on >= timezone.localdate()
