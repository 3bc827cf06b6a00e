"""Error reports from visitors ("meld een fout") about an organisation's public profile.

Reports are stored for the moderators (and emailed to them). The visitor's IP address is never
stored: only a keyed hash, used to rate-limit and to spot repeated abuse.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorReport(models.Model):
    class Topic(models.TextChoices):
        ADDRESS = "adres", _("Adres of locatie")
        CONTACT = "contact", _("Contactgegevens")
        SERVICES = "diensten", _("Diensten of fasen")
        CLOSED = "gestopt", _("De organisatie bestaat niet meer")
        OTHER = "anders", _("Iets anders")

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        HANDLED = "afgehandeld", _("Afgehandeld")

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("wat klopt er niet?"), max_length=2000)
    reporter_email = models.EmailField(_("e-mailadres van de melder"), blank=True)
    reporter_hash = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("foutmelding")
        verbose_name_plural = _("foutmeldingen")

    def __str__(self):
        return f"{self.organisation}: {self.get_topic_display()}"
