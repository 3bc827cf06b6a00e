from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpeningHoursConfig(AppConfig):
    """Built-in plugin: structured opening hours (per weekday) for an organisation."""

    name = "directory.plugins.opening_hours"
    label = "directory_opening_hours"
    verbose_name = _("Partnergids: openingstijden")
    default_auto_field = "django.db.models.BigAutoField"
