from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The editorial site: page types, blocks, snippets and the composition of the project."""

    name = "cms"
    verbose_name = _("Redactie")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import signals

        signals.connect()
