from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    """Built-in plugin: volunteering vacancies an organisation offers."""

    name = "directory.plugins.vacancies"
    label = "directory_vacancies"
    verbose_name = _("Partnergids: vrijwilligersvacatures")
    default_auto_field = "django.db.models.BigAutoField"
