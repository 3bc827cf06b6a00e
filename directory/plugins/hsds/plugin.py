"""Built-in plugin: Open Referral HSDS 3.0 import and export."""

from django.utils.translation import gettext_lazy as _

from directory.plugins import Exporter, Importer, hookimpl


@hookimpl
def directory_importers():
    from .importer import HsdsImporter

    return [
        Importer(key="hsds", label=_("HSDS 3.0 (JSON)"), factory=HsdsImporter, extensions=("json",))
    ]


@hookimpl
def directory_exporters():
    from .export import export_hsds

    return [
        Exporter(
            key="hsds",
            label=_("HSDS 3.0 (JSON)"),
            content_type="application/json",
            extension="json",
            export=export_hsds,
        )
    ]
