"""A log of review reminders, so that a profile is reminded once per interval, not every run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class ReviewReminder(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True, db_index=True)
    recipients = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("controleherinnering")
        verbose_name_plural = _("controleherinneringen")

    def __str__(self):
        return f"{self.organisation} ({self.sent_at:%Y-%m-%d})"
