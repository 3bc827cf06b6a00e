from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search interface with pluggable backends; apps register what they index."""

    name = "search"
    label = "kksearch"
    verbose_name = _("Zoeken")
    default_auto_field = "django.db.models.BigAutoField"
