from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The partner directory: organisations kept up to date by the organisations themselves."""

    name = "directory"
    verbose_name = _("Partnergids")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.permissions import register_permission_policy

        from . import signals
        from .models import Organisation
        from .permissions import error_report_permission_policy, organisation_permission_policy
        from .public.models import ErrorReport
        from .setup import on_post_migrate

        # Registered here (before any admin code asks) so that every Wagtail view, chooser and
        # our own views resolve the same policy for organisations.
        register_permission_policy(Organisation, organisation_permission_policy)
        register_permission_policy(ErrorReport, error_report_permission_policy)
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="directory_setup")
        signals.hand_outcome_emails_to_the_directory()
