from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    """The Klantreis and the Mindmap as versioned, editable data."""

    name = "journey"
    verbose_name = _("Klantreis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import versioning  # noqa: F401  (connects the publish signal)
