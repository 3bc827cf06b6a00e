"""Load the 4-digit postcode areas (offline geocoding) and their municipalities.

Reads `nl-pc4.csv` (pc4, place, municipality, province, latitude, longitude). Municipalities are
created by name + province with a blank CBS code (the file has none); existing rows are left as
editors corrected them. Existing postcode areas are only overwritten with `--update`.
Idempotent: running it again creates nothing new.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Municipality, PostcodeArea


def default_pc4_path() -> Path:
    return Path(settings.SHARED_DIR) / "geo" / "nl-pc4.csv"


def municipality_lookup() -> dict[tuple[str, str], Municipality]:
    return {(m.name.lower(), m.province.lower()): m for m in Municipality.objects.all()}


class Command(BaseCommand):
    help = "Laadt postcodegebieden (PC4) met middelpunt en maakt ontbrekende gemeenten aan."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="CSV-bestand (standaard: geo/nl-pc4.csv)")
        parser.add_argument(
            "--update", action="store_true", help="Bestaande postcodegebieden overschrijven."
        )

    @transaction.atomic
    def handle(self, *args, path=None, update=False, **options):
        path = Path(path) if path else default_pc4_path()
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        missing = {"pc4", "place", "municipality", "province", "latitude", "longitude"} - set(
            rows[0].keys() if rows else []
        )
        if missing:
            raise CommandError(f"Kolommen ontbreken in {path.name}: {', '.join(sorted(missing))}")

        municipalities = municipality_lookup()
        new_municipalities = 0
        for row in rows:
            key = (row["municipality"].strip().lower(), row["province"].strip().lower())
            if key[0] and key not in municipalities:
                municipality = Municipality(
                    name=row["municipality"].strip(), province=row["province"].strip()
                )
                municipality.save()
                municipalities[key] = municipality
                new_municipalities += 1

        existing = {area.pc4: area for area in PostcodeArea.objects.all()}
        to_create, to_update = [], []
        for row in rows:
            municipality = municipalities.get(
                (row["municipality"].strip().lower(), row["province"].strip().lower())
            )
            values = {
                "place": row["place"].strip(),
                "municipality": municipality,
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
            }
            area = existing.get(row["pc4"].strip())
            if area is None:
                to_create.append(PostcodeArea(pc4=row["pc4"].strip(), **values))
            elif update:
                for field, value in values.items():
                    setattr(area, field, value)
                to_update.append(area)
        PostcodeArea.objects.bulk_create(to_create, batch_size=1000)
        PostcodeArea.objects.bulk_update(
            to_update, ["place", "municipality", "latitude", "longitude"], batch_size=1000
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(to_create)} postcodegebieden toegevoegd, {len(to_update)} bijgewerkt, "
                f"{new_municipalities} gemeenten toegevoegd."
            )
        )
