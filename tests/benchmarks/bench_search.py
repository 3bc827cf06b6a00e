"""Directory search benchmark: 1k / 10k / 100k fictional organisations on SQLite and PostgreSQL.

For each database and size it generates organisations (fast bulk inserts, seeded, clearly
fictional), times the full index rebuild and the first search after it (which loads the facet
bitmaps), then times text, facet and distance queries three ways:

- public: `DirectoryQuery.from_params(...)` + `get_backend().search(...)`, the code path the
  directory pages and the API use (validation, synonyms, SQL, bitmaps, result assembly);
- bare: the very SQL statements that search sends, recorded from an untimed run of the same
  search (Django's execute_wrapper) and replayed with the same parameters on the raw DB-API
  cursor: what the database itself costs. That is the change-log check and, for a text, on
  SQLite the FTS5 match, on PostgreSQL the tsquery parse (plus the check of a phrase's
  candidates, when there is one). Facet and distance searches are answered in memory, so
  theirs is only the check;
- grouped SQL: the reference statement that answers the same search (page, total, every facet
  count) entirely in SQL (FACET_MEMORY off), run bare on the first REFERENCE_RUNS queries: what
  "the bare SQL of the same query" costs.

Every timed run uses a different query from a varied, seeded list, and no result is cached.

    .venv/bin/python tests/benchmarks/bench_search.py                       # all sizes, both DBs
    .venv/bin/python tests/benchmarks/bench_search.py --sizes 1000 --databases sqlite
    .venv/bin/python tests/benchmarks/bench_search.py --sizes 100000 --reuse --rebuild-only 3

`--reuse` keeps the benchmark database when it already holds the organisations (generating
100,000 takes minutes); `--rebuild-only N` times N full rebuilds and skips the queries. Each
rebuild prints its wall time, the CPU time of this process (Python: building the documents) and,
on PostgreSQL, of the server backend that ran it (tsvectors, index builds), and the load.

It uses its own databases (a SQLite file in the temp directory, PostgreSQL database
`kk_search_bench` on BENCH_PG_URL) and never touches the development database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/kk_search_bench")
SQLITE_PATH = Path(tempfile.gettempdir()) / "kk_search_bench.sqlite3"
RUNS = 60
WARMUP = 5
REFERENCE_RUNS = 8
SEED = 20261128

PHASES = [
    ("aankomst", "Aankomst en asielprocedure"),
    ("vergunning", "Vergunning en koppeling"),
    ("verhuizing", "Begeleiding naar verhuizing"),
    ("intake", "Brede intake en PIP"),
    ("inburgering", "Inburgering en participatie"),
    ("werk", "Werk, opleiding en inkomen"),
    ("wijk", "Integratie in de wijk"),
]
TYPES = [
    "Sociaalwerkorganisatie",
    "VluchtelingenWerk-afdeling",
    "Gemeente",
    "Taalaanbieder",
    "Vrijwilligersorganisatie",
    "Migrantenorganisatie",
    "Werkgever",
    "Overig",
]
LANGUAGES = [
    ("nl", "Nederlands"), ("en", "Engels"), ("ar", "Arabisch"), ("ti", "Tigrinya"),
    ("fa", "Perzisch"), ("uk", "Oekraïens"), ("tr", "Turks"), ("so", "Somalisch"),
    ("fr", "Frans"), ("ru", "Russisch"), ("ps", "Pasjtoe"), ("ku", "Koerdisch"),
]  # fmt: skip
THEMES = [
    "Taal", "Huisvesting", "Werk", "Gezondheid", "Financiën", "Onderwijs", "Sport",
    "Ontmoeting", "Jongeren", "Gezin", "Juridisch", "Digitale vaardigheden", "Vrijwilligerswerk",
    "Zorg", "Cultuur", "Mantelzorg", "Schulden", "Kinderen", "Vrouwen", "Ouderen",
]  # fmt: skip
NAME_PREFIXES = ["Stichting", "Vereniging", "Buurtteam", "Platform", "Netwerk", "Coöperatie"]
NAME_WORDS = [
    "Taalcafé", "Vrijwilligers", "Nieuwkomers", "Samen", "Thuis", "De Brug", "Horizon",
    "Wijkkracht", "Welkom", "Buddy", "Taalhuis", "Statushouders", "Ontmoeting", "Kompas",
    "Verbinding", "Startpunt", "Noorderlicht", "Zuiderzon", "Meedoen", "Perspectief",
]  # fmt: skip
SERVICES = [
    "Taalcafé", "Taalmaatje", "Huiswerkbegeleiding", "Hulp bij verhuizing", "Spreekuur",
    "Werkcoaching", "Buddyproject", "Inloopochtend", "Budgetcoaching", "Sportmaatje",
    "Maatschappelijke begeleiding", "Sollicitatietraining", "Kookclub", "Fietsles",
]  # fmt: skip
BODY_WORDS = [
    "wij", "helpen", "nieuwkomers", "statushouders", "vrijwilligers", "begeleiding", "taal",
    "nederlands", "oefenen", "wekelijks", "buurt", "wijk", "gemeente", "inburgering",
    "participatie", "werk", "opleiding", "gezin", "kinderen", "gezondheid", "huisarts", "woning",
    "verhuizing", "formulieren", "toeslagen", "bank", "verzekering", "ontmoeting", "koffie",
    "gesprek", "samen", "leren", "spreekuur", "afspraak", "gratis", "aanmelden",
    "maatschappelijke", "ondersteuning", "netwerk", "activiteiten", "sport", "cultuur",
    "bibliotheek",
]  # fmt: skip
TEXT_QUERIES = [
    "taalcafe", "vrijwilligers", "huiswerkbegeleiding", "statushouders", "verhuizing",
    "taal", "werkcoaching", "spreekuur gratis", "buddy", "kookclub", "fietsles",
    "inburgering wijk", "budgetcoaching", "sollicitatietraining", "horizon", "kompas",
    "taalmaatje", "ontmoeting", "noorderlicht", "perspectief",
]  # fmt: skip


# Worker: runs inside Django with one database ---------------------------------------------
def load_postcodes(shared_dir: Path):
    import csv

    with (shared_dir / "geo" / "nl-pc4.csv").open(encoding="utf-8") as handle:
        return [
            (row["pc4"], row["place"], row["municipality"], row["province"],
             float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        ]  # fmt: skip


def vocabularies(postcodes):
    from django.utils.text import slugify
    from taggit.models import Tag

    from directory.models import Language, Municipality, OrganisationType, PhaseTag
    from journey.models import Phase

    phase_tags = []
    for order, (slug, title) in enumerate(PHASES):
        phase, _ = Phase.objects.get_or_create(
            slug=slug, defaults={"title": title, "sort_order": order}
        )
        phase_tags.append(PhaseTag.sync_from_phase(phase).pk)
    types = [
        OrganisationType.objects.get_or_create(name=n, defaults={"slug": slugify(n)})[0].pk
        for n in TYPES
    ]
    languages = [
        Language.objects.get_or_create(code=c, defaults={"name": n})[0].pk for c, n in LANGUAGES
    ]
    themes = [
        Tag.objects.get_or_create(name=n, defaults={"slug": slugify(n)})[0].pk for n in THEMES
    ]
    municipalities = {}
    for _pc4, _place, name, province, _lat, _lon in postcodes:
        if (name, province) not in municipalities:
            municipality = Municipality.objects.filter(name=name, province=province).first()
            if municipality is None:
                municipality = Municipality(name=name, province=province)
                municipality.save()
            municipalities[(name, province)] = municipality.pk
    return phase_tags, types, languages, themes, municipalities


def generate(start: int, stop: int, postcodes, vocab, rng: random.Random) -> None:
    """Bulk-insert organisations start..stop-1 with locations, services, tags and coverage."""
    from directory.models import Location, Organisation, Service, ServicePhase, ServiceTheme

    phase_tags, types, languages, themes, municipalities = vocab
    batch = 2000
    for offset in range(start, stop, batch):
        numbers = range(offset, min(stop, offset + batch))
        orgs = []
        for n in numbers:
            name = (
                f"{rng.choice(NAME_PREFIXES)} {rng.choice(NAME_WORDS)} "
                f"{rng.choice(postcodes)[1]} {n} (fictief)"
            )
            orgs.append(
                Organisation(
                    name=name,
                    slug=f"fictief-{n}",
                    organisation_type_id=rng.choice(types),
                    description=" ".join(rng.choices(BODY_WORDS, k=rng.randint(12, 30))),
                    email=f"info{n}@voorbeeld.invalid",
                    is_member=rng.random() < 0.3,
                    live=True,
                )
            )
        Organisation.objects.bulk_create(orgs)
        locations, services, coverage, spoken = [], [], [], []
        for org in orgs:
            places = rng.sample(postcodes, rng.choice((1, 1, 2)))
            munis = set()
            for pc4, place, muni, province, lat, lon in places:
                muni_id = municipalities[(muni, province)]
                munis.add(muni_id)
                locations.append(
                    Location(
                        organisation_id=org.pk,
                        address=f"Verzonnenstraat {rng.randint(1, 200)}",
                        postcode=f"{pc4} AA",
                        place=place,
                        municipality_id=muni_id,
                        latitude=lat + rng.uniform(-0.01, 0.01),
                        longitude=lon + rng.uniform(-0.01, 0.01),
                    )
                )
            coverage += [
                Organisation.municipalities.through(organisation_id=org.pk, municipality_id=m)
                for m in munis
            ]
            spoken += [
                Organisation.languages.through(organisation_id=org.pk, language_id=lang)
                for lang in {languages[0], *rng.sample(languages, rng.randint(0, 2))}
            ]
            for i in range(rng.randint(1, 3)):
                services.append(
                    Service(
                        organisation_id=org.pk,
                        name=rng.choice(SERVICES),
                        description=" ".join(rng.choices(BODY_WORDS, k=10)),
                        sort_order=i,
                    )
                )
        Location.objects.bulk_create(locations)
        Service.objects.bulk_create(services)
        Organisation.municipalities.through.objects.bulk_create(coverage)
        Organisation.languages.through.objects.bulk_create(spoken)
        phase_rows, theme_rows = [], []
        for service in services:
            for tag in rng.sample(phase_tags, rng.randint(1, 2)):
                phase_rows.append(ServicePhase(content_object_id=service.pk, tag_id=tag))
            for tag in rng.sample(themes, rng.randint(0, 2)):
                theme_rows.append(ServiceTheme(content_object_id=service.pk, tag_id=tag))
        ServicePhase.objects.bulk_create(phase_rows)
        ServiceTheme.objects.bulk_create(theme_rows)


def query_params(kind: str, rng: random.Random, postcodes, municipality_slugs) -> dict:
    if kind == "text":
        return {"q": rng.choice(TEXT_QUERIES)}
    if kind == "facet":
        params = {"phases": rng.choice(PHASES)[0]}
        choice = rng.random()
        if choice < 0.4:
            params["languages"] = rng.choice(LANGUAGES)[0]
        elif choice < 0.7:
            params["municipality"] = rng.choice(municipality_slugs)
        else:
            params["themes"] = rng.choice(THEMES).lower()
        if rng.random() < 0.3:
            params["members_only"] = "true"
        return params
    return {"near": rng.choice(postcodes)[0], "radius_km": str(rng.choice((5, 10, 20)))}


def _rss_mb() -> float:
    """This process's resident memory (Linux), once the bitmaps are loaded."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0.0
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _bare(raw, statements) -> float:
    started = time.perf_counter()
    for sql, params in statements:
        cursor = raw.cursor()
        cursor.execute(sql, params)
        cursor.fetchall()
        cursor.close()
    return (time.perf_counter() - started) * 1000


def _statements(backend, connection, query):
    """(sent, reference): the statements search() sends (recorded from a run of it), and the
    grouped statement, in DB-API form."""
    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        backend.search(query)
    compiler, _text_query = backend.compile(query)
    reference = [compiler.compile()]
    if connection.vendor == "sqlite":
        sent = [(sql.replace("%s", "?"), params) for sql, params in sent]
        reference = [(sql.replace("%s", "?"), params) for sql, params in reference]
    return sent, reference


def measure(kind, backend, connection, rng, postcodes, municipality_slugs):
    from search.query import DirectoryQuery

    params_list = [query_params(kind, rng, postcodes, municipality_slugs) for _ in range(RUNS)]
    public, bare, grouped, totals = [], [], [], []
    raw = connection.connection
    for i, params in enumerate(params_list[:WARMUP] + params_list):
        query = DirectoryQuery.from_params(params)
        sent, reference = _statements(backend, connection, query)
        # Alternate which path runs first, so neither always gets the warm cache.
        timings = {}
        for path in ("public", "bare") if i % 2 else ("bare", "public"):
            if path == "public":
                started = time.perf_counter()
                result = backend.search(DirectoryQuery.from_params(params))
                timings[path] = (time.perf_counter() - started) * 1000
            else:
                timings[path] = _bare(raw, sent)
        if i >= WARMUP:
            public.append(timings["public"])
            bare.append(timings["bare"])
            totals.append(result.total)
            if len(grouped) < REFERENCE_RUNS:
                grouped.append(_bare(raw, reference))
    return {
        "kind": kind,
        "public_median": statistics.median(public),
        "public_p95": percentile(public, 0.95),
        "bare_median": statistics.median(bare),
        "bare_p95": percentile(bare, 0.95),
        "grouped_median": statistics.median(grouped),
        "grouped_p95": percentile(grouped, 0.95),
        "mean_total": statistics.mean(totals),
    }


def _server_cpu_s(connection) -> float | None:
    """CPU seconds the PostgreSQL backend of this connection has used (from /proc, so only when
    the server runs on this machine); None on SQLite or when /proc does not tell."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return "load " + " ".join(f"{n:.2f}" for n in os.getloadavg())


def time_rebuilds(database, backend, index, connection, runs: int) -> dict:
    """Time `runs` full rebuilds: wall, this process's CPU, the server backend's CPU."""
    from search.query import DirectoryQuery

    timings = []
    for run in range(runs):
        load_before = _load()
        cpu, server = time.process_time(), _server_cpu_s(connection)
        report = backend.rebuild(index)
        cpu = time.process_time() - cpu
        server_after = _server_cpu_s(connection)
        server = None if server is None or server_after is None else server_after - server
        timing = {
            "documents": report.documents,
            "wall_s": report.seconds,
            "per_s": report.per_second,
            "client_cpu_s": cpu,
            "server_cpu_s": server,
            "load_before": load_before,
            "load_after": _load(),
        }
        print(
            f"[{database}] rebuild {run + 1}/{runs}: {report.documents} in {report.seconds:.1f}s "
            f"= {report.per_second:,.0f}/s; CPU here {cpu:.1f}s, server "
            + (f"{server:.1f}s" if server is not None else "-")
            + f"; {load_before} -> {timing['load_after']}",
            file=sys.stderr,
        )
        timings.append(timing)
    started = time.perf_counter()
    backend.search(DirectoryQuery())  # loads the facet bitmaps
    return {"rebuilds": timings, "first_search_s": time.perf_counter() - started}


def worker(database: str, sizes: list[int], rebuild_only: int = 0) -> list[dict]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from directory.models import Municipality, Organisation
    from search import get_backend
    from search.query import DirectoryQuery
    from search.registry import registry

    call_command("migrate", verbosity=0, interactive=False)
    postcodes = load_postcodes(Path(settings.SHARED_DIR))
    rng = random.Random(SEED)
    vocab = vocabularies(postcodes)
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    backend = get_backend()
    index = registry.get("directory")
    rows = []
    have = Organisation.objects.count()
    for size in sizes:
        if have < size:
            started = time.perf_counter()
            generate(have, size, postcodes, vocab, rng)
            if connection.vendor == "postgresql":
                # What autovacuum does after a bulk load (the planner needs the statistics);
                # run here so that a server with autovacuum off measures the same.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            print(
                f"[{database}] generated {size - have} organisations in "
                f"{time.perf_counter() - started:.1f}s",
                file=sys.stderr,
            )
            have = size
        if rebuild_only:
            timed = time_rebuilds(database, backend, index, connection, rebuild_only)
            rows.append({"database": database, "size": size, **timed})
            continue
        report = backend.rebuild(index)
        started = time.perf_counter()
        backend.search(DirectoryQuery())  # loads the bitmaps (facets; on PostgreSQL text too)
        first_search_s = time.perf_counter() - started
        rss_mb = _rss_mb()
        row = {
            "database": database,
            "size": report.documents,
            "rebuild_s": report.seconds,
            "rebuild_per_s": report.per_second,
            "first_search_s": first_search_s,
            "rss_mb": rss_mb,
            # Queries drawn from their own seeded generator: the same with and without --reuse.
            "queries": [
                measure(kind, backend, connection, random.Random(SEED + size), postcodes, slugs)
                for kind in ("text", "facet", "distance")
            ],
        }
        print(f"[{database}] {json.dumps(row)}", file=sys.stderr)
        rows.append(row)
    return rows


# Driver ---------------------------------------------------------------------------------------
def reset_database(database: str, reuse: bool = False) -> dict:
    """The worker's environment; the benchmark database is dropped and recreated unless
    `reuse` (then organisations already generated are kept and only missing ones added)."""
    env = dict(os.environ)
    env.setdefault("KETENKAART_SHARED_DIR", str(ROOT.parent.parent / "shared"))
    if not Path(env["KETENKAART_SHARED_DIR"], "geo", "nl-pc4.csv").exists():
        env["KETENKAART_SHARED_DIR"] = "/work/shared"
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    env.pop("ELASTICSEARCH_URL", None)
    if database == "sqlite":
        if not reuse:
            SQLITE_PATH.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (reuse and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = PG_URL
    return env


def print_rebuilds(rows: list[dict]) -> None:
    print(f"{'db':<9}{'orgs':>8}  {'wall':>7}{'orgs/s':>9}{'CPU here':>10}{'CPU server':>11}  load")
    for row in rows:
        for t in row["rebuilds"]:
            server = f"{t['server_cpu_s']:>10.1f}s" if t["server_cpu_s"] is not None else " " * 11
            print(
                f"{row['database']:<9}{t['documents']:>8}  {t['wall_s']:>6.1f}s{t['per_s']:>9,.0f}"
                f"{t['client_cpu_s']:>9.1f}s{server}  {t['load_before']} -> {t['load_after']}"
            )


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'db':<9}{'orgs':>8}  {'query':<9}{'public med':>11}{'public p95':>11}"
        f"{'bare med':>10}{'bare p95':>10}{'grouped med':>12}{'grouped p95':>12}"
        f"{'vs grouped':>11}{'hits':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        for q in row["queries"]:
            versus = q["public_median"] / q["grouped_median"] if q["grouped_median"] else 0
            print(
                f"{row['database']:<9}{row['size']:>8}  {q['kind']:<9}"
                f"{q['public_median']:>9.1f}ms{q['public_p95']:>9.1f}ms"
                f"{q['bare_median']:>8.1f}ms{q['bare_p95']:>8.1f}ms"
                f"{q['grouped_median']:>10.1f}ms{q['grouped_p95']:>10.1f}ms"
                f"{versus:>10.3f}x{q['mean_total']:>8.0f}"
            )
        print(
            f"{row['database']:<9}{row['size']:>8}  rebuild  {row['rebuild_s']:>9.1f}s "
            f"({row['rebuild_per_s']:,.0f} organisations/s); first search after it "
            f"(loads the bitmaps) {row['first_search_s'] * 1000:,.0f} ms, "
            f"process memory then {row.get('rss_mb', 0):,.0f} MB"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the benchmark databases and the organisations an earlier run generated (only "
        "organisations beyond them are added; use it with the size generated before); the "
        "index is still rebuilt",
    )
    parser.add_argument(
        "--rebuild-only",
        type=int,
        default=0,
        metavar="N",
        help="Time N full rebuilds per size (wall and CPU) and skip the queries.",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.worker:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(worker(args.worker, sizes, args.rebuild_only)))
        return
    rows = []
    for database in args.databases.split(","):
        env = reset_database(database, reuse=args.reuse)
        command = [sys.executable, __file__, "--worker", database, "--sizes", args.sizes]
        output = subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [*command, "--rebuild-only", str(args.rebuild_only)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        rows += json.loads(output.strip().splitlines()[-1])
    print(f"after the run: {_load()} ({os.cpu_count()} CPUs)")
    if args.rebuild_only:
        print_rebuilds(rows)
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
