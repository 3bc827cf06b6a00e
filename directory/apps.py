from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The partner directory: organisations kept up to date by the organisations themselves."""

    name = "directory"
    verbose_name = _("Partnergids")
    default_auto_field = "django.db.models.BigAutoField"
