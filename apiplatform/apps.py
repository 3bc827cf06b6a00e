from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiPlatformConfig(AppConfig):
    name = "apiplatform"
    verbose_name = _("API-platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the publish signals that bump the content generation and send webhooks.
        from . import signals  # noqa: F401
