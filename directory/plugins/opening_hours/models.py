"""Structured opening hours: one row per weekday and time slot.

The core's location has a free-text ``opening_hours`` field for notes; this plugin adds hours
that machines can read (schema.org ``openingHoursSpecification``, HSDS ``schedules``). It is a
cluster child of the organisation, so hours follow drafts, revisions and moderation.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("maandag")
    TUESDAY = 2, _("dinsdag")
    WEDNESDAY = 3, _("woensdag")
    THURSDAY = 4, _("donderdag")
    FRIDAY = 5, _("vrijdag")
    SATURDAY = 6, _("zaterdag")
    SUNDAY = 7, _("zondag")


# schema.org day names and iCalendar BYDAY codes (HSDS schedules use RRULE-style byday).
SCHEMA_ORG_DAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}
ICAL_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


class OpeningHours(Orderable):
    """A time slot on a weekday when the organisation receives people."""

    organisation = ParentalKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="opening_hours_slots"
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("van"))
    closes = models.TimeField(_("tot"))
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("De sluitingstijd moet na de openingstijd liggen.")})
