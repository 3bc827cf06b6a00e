from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryPublicConfig(AppConfig):
    """Public pages of the directory and the visitors' error reports."""

    name = "directory.public"
    label = "directory_public"
    verbose_name = _("Partnergids: openbare pagina's")
    default_auto_field = "django.db.models.BigAutoField"
