"""Directory benchmarks: public pages and publishing at 1k/10k/100k organisations, CSV import.

Not collected by pytest (benchmarks are run by hand). Each run uses its own database, never
your development data:

    # public pages + publish throughput at 1k, 10k and 100k organisations (SQLite file in /tmp)
    .venv/bin/python tests/benchmarks/bench_directory.py pages --sizes 1000 10000 100000

    # the same on PostgreSQL (the database is created when missing)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kk_bench_directory \\
        .venv/bin/python tests/benchmarks/bench_directory.py pages --sizes 1000 10000 100000

    # CSV import of 100,000 rows (dry run + commit + search indexing): wall and CPU time per
    # phase, peak memory of this process
    /usr/bin/time -v .venv/bin/python tests/benchmarks/bench_directory.py csv --rows 100000

    # demo data: generate_demo_organisations 100000 (rows, revisions, search index), wall and
    # CPU time, then publish throughput on that data
    /usr/bin/time -v .venv/bin/python tests/benchmarks/bench_directory.py demo --count 100000

A database whose name contains "bench" (the default SQLite file, kk_bench_directory on
PostgreSQL) is dropped and recreated at the start of `pages` (without --reuse), `csv` and
`demo`; any other database keeps its data and only the benchmark's organisations are deleted.

Numbers per request: median and p95 in milliseconds over --requests requests, and the SQL
queries each request made (it must not depend on the page size). Publish throughput: edits
published through Wagtail revisions (signal, plugin reactions and search-index update
included), per second.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(tempfile.gettempdir()) / 'kk_bench_directory.sqlite3'}"
)


def _ensure_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not exists.fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def _reset_database(url: str) -> bool:
    """Start from an empty database, but only one that is clearly a benchmark's own (its name
    contains "bench"): deleting 100,000 organisations row by row (signals, cascades) takes far
    longer than migrating a fresh database."""
    import dj_database_url

    cfg = dj_database_url.parse(url)
    name = str(cfg["NAME"])
    if "bench" not in Path(name).name:
        return False
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        Path(name).unlink(missing_ok=True)
    return True


def setup_django(reset=False):
    url = os.environ["DATABASE_URL"]
    if reset and not _reset_database(url):
        print("(not resetting a database whose name lacks 'bench'; deleting rows instead)")
    if url.startswith("postgres"):
        _ensure_postgres_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from directory.models import PostcodeArea

    if not PostcodeArea.objects.exists():
        call_command("load_directory_reference_data", verbosity=0)


def _ensure_phases():
    from directory.models import PhaseTag
    from journey.models import Phase

    if not Phase.objects.exists():
        for order, (slug, title) in enumerate(
            [("aankomst", "Aankomst"), ("brede-intake", "Brede intake"), ("werk", "Werk")], 1
        ):
            Phase.objects.create(slug=slug, title=title, sort_order=order)
    for phase in Phase.objects.all():
        PhaseTag.sync_from_phase(phase)


def _measure(client, url, params, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], set()
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
        queries.add(len(ctx.captured_queries))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, "/".join(map(str, sorted(queries)))


def _publish_throughput(count):
    from directory.models import Organisation

    ids = list(
        Organisation.objects.filter(live=True).order_by("?").values_list("pk", flat=True)[:count]
    )
    start = time.perf_counter()
    for pk in ids:
        org = Organisation.objects.get(pk=pk)
        org.description = f"Bijgewerkt voor de benchmark ({time.time()})."
        org.save_revision().publish()
    return len(ids) / (time.perf_counter() - start)


def _cpu() -> float:
    """User + system CPU seconds of this process so far (the machine may be shared, so wall
    time alone says little)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    """The machine's load average (1, 5, 15 min): numbers taken on a busy machine say so."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


class _ServerClock:
    """CPU seconds (user + sys) of this connection's PostgreSQL backend process, read from
    /proc when the server runs on this machine (None otherwise, and on SQLite, whose work is
    this process's own CPU time)."""

    def __init__(self):
        from django.db import connection

        self.path = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                path = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            if path.exists():
                self.path = path

    def read(self) -> float | None:
        if self.path is None:
            return None
        try:
            fields = self.path.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Phases:
    """Wall time, this process's CPU and the database server's CPU, split at the moment a bulk
    writer's rows are committed (``organisations_written``, then the next ``on_commit``): the
    part before is "rows + revisions", the part after is "index" (search indexing)."""

    def __init__(self):
        self.server = _ServerClock()
        self.marks = []

    def mark(self):
        self.marks.append((time.perf_counter(), _cpu(), self.server.read()))

    def __enter__(self):
        from django.db import transaction

        from directory.importers.indexing import organisations_written

        def on_written(sender, **kwargs):
            transaction.on_commit(self.mark)

        self._receiver = on_written
        organisations_written.connect(on_written, dispatch_uid="bench-phases")
        self.mark()
        return self

    def __exit__(self, *exc):
        from directory.importers.indexing import organisations_written

        organisations_written.disconnect(dispatch_uid="bench-phases")
        self.mark()

    def lines(self) -> list[str]:
        """One line per phase: start to the (first) commit of written rows, then to the end."""
        if len(self.marks) < 3:
            return []
        spans = [("rows + revisions", self.marks[0], self.marks[1])]
        spans.append(("index", self.marks[1], self.marks[-1]))
        lines = []
        for name, (w0, c0, s0), (w1, c1, s1) in spans:
            server = f", {s1 - s0:.1f} s CPU in the PostgreSQL backend" if s0 is not None else ""
            lines.append(f"{name}: {w1 - w0:.1f} s wall, {c1 - c0:.1f} s CPU here{server}")
        return lines


def _generate(count, seed):
    """Run generate_demo_organisations; (wall s, cpu s, its own report lines, phase lines)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    start, cpu = time.perf_counter(), _cpu()
    with _Phases() as phases:
        call_command("generate_demo_organisations", str(count), "--seed", str(seed), stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    return time.perf_counter() - start, _cpu() - cpu, lines, phases.lines()


def pages(sizes, requests, publishes, reuse=False):
    setup_django(reset=not reuse)
    _ensure_phases()
    from django.db import connection
    from django.test import Client

    from directory.models import Organisation

    if reuse:  # measure the organisations already in this database (e.g. after a long run)
        sizes = [Organisation.objects.count()]
    elif Organisation.objects.exists():
        Organisation.objects.all().delete()
    client = Client()
    vendor = connection.vendor
    print(f"before: {_load()}")
    rows = []
    have = sizes[0] if reuse else 0
    for size in sizes:
        generated = cpu = 0.0
        if size > have:
            generated, cpu, _lines, _phases = _generate(size - have, size)
        have = size
        sample = Organisation.objects.filter(live=True).order_by("pk").first()
        cases = [
            ("/partners/", {}, "listing, 20 per page"),
            ("/partners/", {"per_pagina": "100"}, "listing, 100 per page"),
            ("/partners/", {"fase": "brede-intake"}, "phase filter"),
            ("/partners/", {"postcode": "3511", "straal": "10"}, "near 3511, 10 km"),
            ("/partners/", {"q": "taalcafé"}, "text 'taalcafé'"),
            (f"/partners/{sample.slug}/", {}, "organisation page"),
        ]
        for url, params, label in cases:
            _measure(client, url, params, 2)  # warm-up
            median, p95, queries = _measure(client, url, params, requests)
            rows.append((vendor, size, label, f"{median:.1f}", f"{p95:.1f}", queries))
        throughput = _publish_throughput(publishes)
        rows.append((vendor, size, f"publish ({publishes} edits)", f"{throughput:.1f}/s", "", ""))
        rows.append(
            (
                vendor,
                size,
                "generate + index (added orgs)",
                f"{generated:.1f} s",
                f"{cpu:.1f} s CPU",
                "",
            )
        )
    print(f"after: {_load()}")
    header = ("db", "orgs", "what", "median ms", "p95 ms", "SQL/request")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))


def demo(count, publishes):
    """generate_demo_organisations COUNT on an empty database, then publish throughput."""
    setup_django(reset=True)
    _ensure_phases()
    from directory.models import Organisation

    if Organisation.objects.exists():
        Organisation.objects.all().delete()
    print(f"before: {_load()}")
    wall, cpu, lines, phases = _generate(count, 42)
    for line in lines:
        print(f"  command: {line}")
    for line in phases:
        print(f"  {line}")
    print(f"generate_demo_organisations {count}: {wall:.1f} s wall, {cpu:.1f} s CPU (user+sys)")
    print(f"after: {_load()}")
    start, cpu = time.perf_counter(), _cpu()
    throughput = _publish_throughput(publishes)
    print(
        f"publish throughput: {throughput:.1f} edits/s over {publishes} edits "
        f"({time.perf_counter() - start:.1f} s wall, {_cpu() - cpu:.1f} s CPU)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB (Linux ru_maxrss)")


def csv_import(rows):
    setup_django(reset=True)
    _ensure_phases()
    import csv

    from directory.importers.csv_import import CsvImporter
    from directory.models import Organisation

    path = Path(tempfile.gettempdir()) / f"kk_bench_{rows}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "naam",
                "type",
                "email",
                "website",
                "adres",
                "postcode",
                "talen",
                "dienst",
                "fasen",
                "themas",
                "beschrijving",
            ]
        )
        for i in range(rows):
            pc4 = 1011 + (i * 7) % 8900
            writer.writerow(
                [
                    f"Fictieve CSV-stichting {i}",
                    "sociaal-werk",
                    f"info{i}@csv.invalid",
                    f"https://csv{i}.example.org",
                    f"Voorbeeldstraat {i % 300 + 1}",
                    f"{pc4} AB",
                    "nl;ar",
                    "Taalcafé",
                    "brede-intake",
                    "taalcafe",
                    "Een verzonnen organisatie voor de importbenchmark.",
                ]
            )
    old = Organisation.objects.filter(name__startswith="Fictieve CSV-stichting")
    if old.exists():
        old.delete()
    size_mb = path.stat().st_size / 1e6
    total_wall = total_cpu = 0.0
    print(f"before: {_load()}")
    for dry_run in (True, False):
        start, cpu = time.perf_counter(), _cpu()
        with path.open("rb") as stream, _Phases() as phases:
            report = CsvImporter().run(stream, dry_run=dry_run)  # the import indexes on commit
        elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
        for line in phases.lines():
            print(f"  {line}")
        total_wall += elapsed
        total_cpu += cpu
        assert report.ok, report.errors[:5]
        print(
            f"{'dry run' if dry_run else 'import '}  {rows} rows ({size_mb:.1f} MB): "
            f"{elapsed:.1f} s wall, {cpu:.1f} s CPU, {rows / elapsed:.0f} rows/s, "
            f"created {report.created}"
        )
    print(
        f"dry run + import (incl. search indexing): {total_wall:.1f} s wall, {total_cpu:.1f} s CPU"
    )
    from search import get_backend

    print(f"search documents: {get_backend().count()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB (Linux ru_maxrss)")
    print(f"after: {_load()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pages")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    p.add_argument("--requests", type=int, default=30)
    p.add_argument("--publishes", type=int, default=50)
    p.add_argument("--reuse", action="store_true", help="measure the existing organisations")
    c = sub.add_parser("csv")
    c.add_argument("--rows", type=int, default=100000)
    d = sub.add_parser("demo")
    d.add_argument("--count", type=int, default=100000)
    d.add_argument("--publishes", type=int, default=50)
    args = parser.parse_args()
    if args.command == "pages":
        pages(sorted(args.sizes), args.requests, args.publishes, args.reuse)
    elif args.command == "demo":
        demo(args.count, args.publishes)
    else:
        csv_import(args.rows)


if __name__ == "__main__":
    main()
