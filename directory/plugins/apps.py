from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ORGANISATION_LABEL = "directory.organisation"


class DirectoryPluginsConfig(AppConfig):
    """The plugin machinery: wires Wagtail's publish signals to the plugin reaction hooks.

    Connecting here (rather than in the directory core) keeps the core's call sites to the
    plugin API small: publishing an organisation reaches every plugin without the core knowing.
    """

    name = "directory.plugins"
    label = "directory_plugins"
    verbose_name = _("Partnergids: plug-ins")

    def ready(self):
        from wagtail.signals import published, unpublished

        published.connect(_on_published, dispatch_uid="directory_plugins_published")
        unpublished.connect(_on_unpublished, dispatch_uid="directory_plugins_unpublished")


def _is_organisation(instance) -> bool:
    return instance._meta.label_lower == ORGANISATION_LABEL


def _on_published(sender, instance, **kwargs):
    if _is_organisation(instance):
        from .manager import notify

        notify("directory_organisation_published", instance)


def _on_unpublished(sender, instance, **kwargs):
    if _is_organisation(instance):
        from .manager import notify

        notify("directory_organisation_unpublished", instance)
