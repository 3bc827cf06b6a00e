"""Snippets: structured data that several pages share.

A contact person is shown on the committee page, the information package, attention points and
the home page. Keeping it as one snippet means a changed phone number is changed everywhere,
and the API exposes a contact as fields rather than as text in a paragraph.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class ContactPerson(RevisionMixin, index.Indexed, models.Model):
    """Someone visitors can contact; used wherever a contact is shown."""

    name = models.CharField(_("naam"), max_length=200)
    job_title = models.CharField(_("functie"), max_length=300, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("name"),
        index.FilterField("name"),
    ]

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def phone_uri(self) -> str:
        """The phone number as a tel: URI (digits and a leading + only)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""

    def api_representation(self) -> dict:
        return {
            "name": self.name,
            "job_title": self.job_title,
            "organisation": self.organisation,
            "email": self.email,
            "phone": self.phone,
        }
