"""The example plugin's hook implementations: one of every directory hook."""

import io

from directory.plugins import Exporter, Facet, Importer, Section, hookimpl

AUDIENCES = [("jongeren", "Jongeren"), ("gezinnen", "Gezinnen")]


def serialise(organisation):
    return [
        {
            "name": mark.name,
            "awarded_by": mark.awarded_by,
            "valid_until": mark.valid_until.isoformat() if mark.valid_until else None,
        }
        for mark in organisation.quality_marks.all()
    ]


@hookimpl
def directory_sections():
    from wagtail.admin.panels import InlinePanel

    return [
        Section(
            key="keurmerken",
            label="Keurmerken",
            template="kk_example_plugin/quality_marks.html",
            panels=[InlinePanel("quality_marks", heading="Keurmerken")],
            api=serialise,
            prefetch=["quality_marks"],
            order=50,
        )
    ]


@hookimpl
def directory_search_facets():
    def to_query(params, values):
        params["themes"] = tuple(dict.fromkeys([*params.get("themes", ()), *values]))

    return [
        Facet(
            param="doelgroep",
            label="Doelgroep",
            choices=lambda: AUDIENCES,
            to_query=to_query,
            filter_queryset=lambda qs, values: qs.filter(
                services__theme_items__tag__slug__in=values
            ).distinct(),
        )
    ]


@hookimpl
def directory_validate_organisation(organisation):
    if organisation.name and organisation.name.isupper() and len(organisation.name) > 3:
        return {"name": ["Schrijf de naam niet helemaal in hoofdletters."]}
    return {}


@hookimpl
def directory_exporters():
    def export_names(organisations):
        for name in organisations.order_by("name").values_list("name", flat=True).iterator():
            yield name + "\n"

    return [
        Exporter(
            key="namen",
            label="Namenlijst",
            content_type="text/plain; charset=utf-8",
            extension="txt",
            export=export_names,
        )
    ]


class NamesImporter:
    """One organisation name per line; empty names are errors; all or nothing."""

    def run(self, stream, dry_run=True, user=None):
        from django.db import transaction

        from directory.importers.indexing import index_after_commit
        from directory.importers.records import OrganisationRecord
        from directory.importers.report import ImportReport
        from directory.importers.writer import BulkWriter

        report = ImportReport(format="namen", dry_run=dry_run)
        text = (
            io.TextIOWrapper(stream, encoding="utf-8")
            if not isinstance(stream, io.TextIOBase)
            else stream
        )
        records = []
        for line_number, line in enumerate(text, start=1):
            name = line.strip()
            report.rows += 1
            if not name:
                report.error(line_number, "naam", "Verplicht.")
                continue
            records.append(OrganisationRecord(name=name))
        if dry_run or not report.ok:
            return report
        with transaction.atomic():
            writer = BulkWriter()
            for record in records:
                writer.add(record)
            writer.flush()
            report.created = writer.written
            index_after_commit(writer.written_ids)
        return report


@hookimpl
def directory_importers():
    return [Importer(key="namen", label="Namenlijst", factory=NamesImporter, extensions=("txt",))]


@hookimpl
def directory_organisation_published(organisation):
    from .models import PublicationEvent

    PublicationEvent.objects.create(organisation_uuid=organisation.uuid, kind="published")


@hookimpl
def directory_organisation_unpublished(organisation):
    from .models import PublicationEvent

    PublicationEvent.objects.create(organisation_uuid=organisation.uuid, kind="unpublished")
