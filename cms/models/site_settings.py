"""Site-wide settings editors manage in the admin (Instellingen)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who publishes the site: used for the schema.org Organization and the footer."""

    name = models.CharField(_("naam organisatie"), max_length=200, default="Sociaal Werk Nederland")
    description = models.TextField(_("omschrijving"), blank=True)
    contact = models.ForeignKey(
        "cms.ContactPerson",
        verbose_name=_("algemene contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("contact")]

    class Meta:
        verbose_name = _("organisatie")
