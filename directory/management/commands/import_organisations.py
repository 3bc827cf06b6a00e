"""Import organisations from a file: a dry run by default, ``--commit`` to write.

    manage.py import_organisations partners.csv             # dry run: report every error
    manage.py import_organisations partners.csv --commit    # all or nothing
    manage.py import_organisations bundle.json --format hsds --commit

Formats come from the directory plugins (``directory_importers``): ``csv`` and ``hsds`` are
built in. The command exits with an error status when any record fails, and then nothing is
written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.plugins.manager import importers


class Command(BaseCommand):
    help = "Importeer organisaties (CSV of HSDS JSON); eerst een proefrun, met --commit echt."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", default=None, help="csv, hsds, ... (default: by extension)")
        parser.add_argument("--commit", action="store_true", help="write when everything is valid")
        parser.add_argument("--max-errors", type=int, default=200, help="errors to print")

    def handle(self, path, format, commit, max_errors, **options):
        available = importers()
        key = format or {ext: k for k, imp in available.items() for ext in imp.extensions}.get(
            path.suffix.lstrip(".").lower()
        )
        if key not in available:
            raise CommandError(f"Unknown format {key!r}; choose from {', '.join(available)}")
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        importer = available[key].factory()
        with path.open("rb") as stream:
            report = importer.run(stream, dry_run=True)
        if report.ok and commit:
            with path.open("rb") as stream:
                report = importer.run(stream, dry_run=False)
        for error in report.errors[:max_errors]:
            self.stderr.write(str(error))
        if len(report.errors) > max_errors:
            self.stderr.write(f"... and {len(report.errors) - max_errors} more errors")
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} errors in {report.lines_with_errors()} records; "
                "nothing was written."
            )
        if commit:
            self.stdout.write(self.style.SUCCESS(f"Imported {report.created} organisations."))
        else:
            self.stdout.write(
                f"Dry run: {report.rows} records are valid. Run again with --commit to import."
            )
