from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search interface with pluggable backends; apps register what they index."""

    name = "search"
    label = "kksearch"
    verbose_name = _("Zoeken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import registry, synonyms
        from .backends.database.functions import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="kksearch-sqlite-fn")
        synonyms.connect()
        self._connect_synonym_sync()
        registry.autodiscover()

    def _connect_synonym_sync(self):
        from .signals import synonyms_changed

        def push(sender, **kwargs):
            from django.db import transaction

            from .tasks import sync_synonyms

            transaction.on_commit(sync_synonyms.enqueue)

        synonyms_changed.connect(push, dispatch_uid="kksearch-sync-synonyms", weak=False)
