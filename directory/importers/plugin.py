"""Built-in plugin: CSV import and export, registered through the same hooks as any plugin."""

from django.utils.translation import gettext_lazy as _

from directory.plugins import Exporter, Importer, hookimpl


@hookimpl
def directory_importers():
    from .csv_import import CsvImporter

    return [Importer(key="csv", label=_("CSV"), factory=CsvImporter, extensions=("csv",))]


@hookimpl
def directory_exporters():
    from directory.exporters.csv_export import export_csv

    return [
        Exporter(
            key="csv",
            label=_("CSV"),
            content_type="text/csv; charset=utf-8",
            extension="csv",
            export=export_csv,
        )
    ]
