"""Load or correct the municipality list from a CSV, such as CBS's municipal division.

The columns are found by their header (code/gemeentecode/GemeentecodeGM, name/naam/gemeentenaam,
province/provincie/provincienaam; comma or semicolon separated) or named with options, so an
official CBS file replaces the GeoNames-derived names without code changes. A row matches an
existing municipality by CBS code, else by name + province, else by name alone; matched rows are
updated, others created. `--deactivate-missing` marks municipalities absent from the list as
inactive (after a merger) instead of deleting them, so organisations keep their coverage.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Municipality

CODE_COLUMNS = ("code", "gemeentecode", "gemeentecodegm", "gm_code", "statcode", "cbs_code")
NAME_COLUMNS = ("name", "naam", "gemeentenaam", "statnaam", "municipality", "gemeente")
PROVINCE_COLUMNS = ("province", "provincie", "provincienaam")


def pick(header: list[str], wanted: str | None, candidates: tuple[str, ...]) -> str | None:
    lowered = {column.strip().lower(): column for column in header}
    if wanted:
        if wanted.lower() not in lowered:
            raise CommandError(f"Kolom '{wanted}' staat niet in het bestand.")
        return lowered[wanted.lower()]
    return next((lowered[c] for c in candidates if c in lowered), None)


def normalise_code(value: str) -> str:
    """CBS codes appear as GM0363 or 363; store them as GM0363."""
    value = (value or "").strip().upper()
    if value.isdigit():
        return f"GM{int(value):04d}"
    return value


class Command(BaseCommand):
    help = "Laadt of corrigeert gemeenten uit een CSV (bijvoorbeeld de CBS-gemeentelijke indeling)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV-bestand met gemeenten")
        parser.add_argument("--code-column")
        parser.add_argument("--name-column")
        parser.add_argument("--province-column")
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="Gemeenten die niet in het bestand staan inactief maken.",
        )

    @transaction.atomic
    def handle(
        self,
        *args,
        path,
        code_column=None,
        name_column=None,
        province_column=None,
        deactivate_missing=False,
        **options,
    ):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        text = path.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        header = reader.fieldnames or []
        code_col = pick(header, code_column, CODE_COLUMNS)
        name_col = pick(header, name_column, NAME_COLUMNS)
        province_col = pick(header, province_column, PROVINCE_COLUMNS)
        if not name_col:
            raise CommandError("Geen kolom met de gemeentenaam gevonden (gebruik --name-column).")

        created = updated = 0
        seen: set[int] = set()
        for row in reader:
            name = (row.get(name_col) or "").strip()
            if not name:
                continue
            code = normalise_code(row.get(code_col, "")) if code_col else ""
            province = (row.get(province_col) or "").strip() if province_col else ""
            municipality = self.match(code, name, province)
            if municipality is None:
                municipality = Municipality(name=name, province=province, code=code)
                municipality.save()
                created += 1
            else:
                municipality.name = name
                municipality.province = province or municipality.province
                municipality.code = code or municipality.code
                municipality.is_active = True
                municipality.save()
                updated += 1
            seen.add(municipality.pk)
        deactivated = 0
        if deactivate_missing:
            deactivated = Municipality.objects.exclude(pk__in=seen).update(is_active=False)
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} gemeenten toegevoegd, {updated} bijgewerkt, {deactivated} inactief."
            )
        )

    def match(self, code: str, name: str, province: str):
        if code:
            found = Municipality.objects.filter(code=code).first()
            if found:
                return found
        if province:
            found = Municipality.objects.by_name(name, province).first()
            if found:
                return found
        candidates = list(Municipality.objects.by_name(name)[:2])
        return candidates[0] if len(candidates) == 1 else None
