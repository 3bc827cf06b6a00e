"""Generate N clearly fictional organisations for development and benchmarks.

    manage.py generate_demo_organisations 1000 --seed 42
    manage.py generate_demo_organisations --count 1000      # the same (make demo uses this)

Every organisation is called "Fictieve Stichting ...", lives at a made-up street in a real
4-digit postcode area (``nl-pc4.csv``: locations are spread over the whole country), and has
``example.org`` / ``.invalid`` contact data. The same seed gives the same data. Rows are
written in bulk as live organisations, each with an initial revision
(``directory.importers.writer``), then indexed for search from what the writer kept of them
(no read-back). Never loaded by ``make run``: demo data is not content.
"""

import csv
import random
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction

from directory.importers.indexing import WrittenDocuments, organisations_written
from directory.importers.records import LocationRecord, OrganisationRecord, ServiceRecord
from directory.importers.writer import BulkWriter

WORDS = [
    "Samen",
    "Welkom",
    "Thuis",
    "Nieuwkomers",
    "Buurtbrug",
    "Taalhuis",
    "Maatjes",
    "Wegwijs",
    "Startpunt",
    "Ontmoeting",
    "Perspectief",
    "Verbinding",
    "Kompas",
    "Horizon",
]
STREETS = [
    "Voorbeeldstraat",
    "Fictieweg",
    "Demolaan",
    "Proefplein",
    "Testkade",
    "Verzinselhof",
    "Denkbeeldweg",
    "Oefenstraat",
]
SERVICES = [
    ("Taalcafé", "Wekelijks Nederlands oefenen in een ontspannen sfeer.", "taalcafe"),
    ("Maatjesproject", "Een vrijwillige buddy helpt de eerste maanden op weg.", "maatjes"),
    ("Spreekuur administratie", "Hulp bij brieven, toeslagen en formulieren.", "financien"),
    ("Begeleiding bij verhuizing", "Praktische hulp bij de eerste woning.", "wonen"),
    ("Werkcoaching", "Begeleiding naar werk, stage of vrijwilligerswerk.", "werk"),
    ("Ouder- en kindactiviteiten", "Ontmoeting voor gezinnen in de wijk.", "gezin"),
    ("Juridisch spreekuur", "Vragen over verblijf en gezinshereniging.", "juridisch"),
]
LETTERS = "ABCEFGHJKLMNPRTUVWXZ"


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Command(BaseCommand):
    help = "Genereer N fictieve organisaties (demo- en benchmarkdata; nooit echte inhoud)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=None)
        parser.add_argument("--count", dest="count_option", type=int, default=None)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--no-index", action="store_true", help="skip the search-index update afterwards"
        )

    def handle(self, count, seed, batch_size, count_option=None, no_index=False, **options):
        count = count if count is not None else (count_option or 1000)
        started = time.perf_counter()
        self._ensure_reference_data()
        rng = random.Random(seed)
        vocab = self._vocabularies()
        with transaction.atomic():
            writer = BulkWriter(batch_size=batch_size, keep_written=not no_index)
            for i in range(count):
                writer.add(self._organisation(rng, i, vocab))
            writer.flush()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {writer.written} fictional organisations in {elapsed:.1f}s "
                f"(seed {seed})."
            )
        )
        organisations_written.send(sender=None, ids=writer.written_ids)
        if not no_index:
            started = time.perf_counter()
            self._index(writer)
            self.stdout.write(f"Search index updated in {time.perf_counter() - started:.1f}s.")

    def _index(self, writer):
        """Index the new organisations (bulk writes send no publish signals).

        With the database backend the ids are new (never indexed: they were just allocated),
        so documents go straight into the backend's bulk writer, in one transaction, with the
        vocabulary counted once: no per-batch delete of documents that cannot exist. The
        documents are built from what the writer kept of each organisation
        (``WrittenDocuments``), not read back from the database. Other backends
        (Elasticsearch) get their usual batched ``update_objects``."""
        from search import get_backend
        from search.registry import registry

        backend, index = get_backend(), registry.get("directory")
        ids = writer.written_ids
        chunks = [
            ids[start : start + index.chunk_size] for start in range(0, len(ids), index.chunk_size)
        ]
        if backend.name != "database":
            for chunk in chunks:
                backend.update_objects(index, chunk)
            return
        backend.add_new_documents(WrittenDocuments(index, writer.written_organisations), chunks)

    def _ensure_reference_data(self):
        from directory.models import OrganisationType, PostcodeArea

        if (
            not PostcodeArea.objects.exists() or not OrganisationType.objects.exists()
        ) and "load_directory_reference_data" in get_commands():
            call_command("load_directory_reference_data", verbosity=0)

    def _vocabularies(self) -> dict:
        from directory.models import Language, Municipality, OrganisationType, PhaseTag

        municipalities = {
            (name.lower(), province.lower()): pk
            for pk, name, province in Municipality.objects.values_list("pk", "name", "province")
        }
        areas = []
        path = Path(settings.SHARED_DIR) / "geo" / "nl-pc4.csv"
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                areas.append(
                    (
                        row["pc4"],
                        row["place"],
                        float(row["latitude"]),
                        float(row["longitude"]),
                        municipalities.get((row["municipality"].lower(), row["province"].lower())),
                    )
                )
        return {
            "areas": areas,
            "types": list(OrganisationType.objects.values_list("pk", flat=True)),
            "languages": list(Language.objects.values_list("pk", flat=True)),
            "phases": list(PhaseTag.objects.active().values_list("pk", flat=True)),
        }

    def _organisation(self, rng, index, vocab) -> OrganisationRecord:
        areas = vocab["areas"]
        home = rng.choice(areas)
        number = index + 1
        name = f"Fictieve Stichting {rng.choice(WORDS)} {home[1]} {number}"
        slug_host = f"fictief-{number}"
        locations = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            pc4, place, lat, lon, municipality_id = home if not locations else rng.choice(areas)
            locations.append(
                LocationRecord(
                    uuid=_uuid(rng),
                    address=f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
                    postcode=f"{pc4} {rng.choice(LETTERS)}{rng.choice(LETTERS)}",
                    place=place,
                    municipality_id=municipality_id,
                    latitude=round(lat + rng.uniform(-0.01, 0.01), 6),
                    longitude=round(lon + rng.uniform(-0.01, 0.01), 6),
                )
            )
        services = []
        for title, description, theme in rng.sample(SERVICES, rng.randint(1, 3)):
            services.append(
                ServiceRecord(
                    uuid=_uuid(rng),
                    name=title,
                    description=description,
                    audience="Nieuwkomers en hun gezin (fictief voorbeeld).",
                    cost="Gratis",
                    phase_tag_ids=rng.sample(vocab["phases"], min(len(vocab["phases"]), 2)),
                    themes=[theme],
                    language_ids=rng.sample(vocab["languages"], min(len(vocab["languages"]), 2)),
                    location_indexes=[0],
                )
            )
        languages = sorted({lang for s in services for lang in s.language_ids})
        return OrganisationRecord(
            uuid=_uuid(rng),
            name=name,
            description=(
                "Een fictieve organisatie voor demonstraties en tests. Deze gegevens zijn "
                "verzonnen en horen niet bij een echte organisatie."
            ),
            organisation_type_id=rng.choice(vocab["types"]) if vocab["types"] else None,
            website=f"https://{slug_host}.example.org",
            email=f"info@{slug_host}.invalid",
            is_member=rng.random() < 0.3,
            language_ids=languages,
            municipality_ids=[loc.municipality_id for loc in locations if loc.municipality_id],
            locations=locations,
            services=services,
        )
