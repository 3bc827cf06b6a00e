from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """Built-in plugin: languages spoken, as a profile section and a directory filter."""

    name = "directory.plugins.languages"
    label = "directory_languages"
    verbose_name = _("Partnergids: talen")
