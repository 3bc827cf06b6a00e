"""API benchmark: median/p95 of search, detail and the full GeoJSON at N organisations.

Usage (from the repository root; not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_api.py --count 100000 [--requests 30]

It builds a throw-away SQLite database (or uses DATABASE_URL if set), generates N fictional
organisations with the dirext helper's `generate_demo_organisations`, rebuilds the search
index, starts gunicorn (1 worker) on 127.0.0.1:8007 and measures over loopback:
time to first byte and total time per request (median, p95), the server's peak memory
(VmHWM of the worker), and the SQL queries per request at page sizes 10 and 100 (in process).
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = 8007


def env(db_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.base",
        "DATABASE_URL": db_url,
        "SECRET_KEY": "bench-only",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }


def manage(db_url: str, *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env(db_url), check=True
    )


API_KEY = {}


def create_api_key(db_url: str) -> str:
    """An API key with a limit high enough for the benchmark (anonymous use is 60/minute)."""
    code = (
        "import django;django.setup()\n"
        "from apiplatform.keys import issue_api_key\n"
        "from apiplatform.models import ApiKey\n"
        "k=ApiKey(name='benchmark', rate_limit_per_minute=10**9)\n"
        "t=issue_api_key(k);k.save();print(t)\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env(db_url), capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def timed_get(path: str) -> tuple[float, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    start = time.perf_counter()
    conn.request("GET", path, headers=API_KEY)
    response = conn.getresponse()
    first = response.read(1)
    ttfb = time.perf_counter() - start
    size = len(first)
    while chunk := response.read(1 << 16):
        size += len(chunk)
    total = time.perf_counter() - start
    conn.close()
    assert response.status == 200, (path, response.status)
    return ttfb, total, size


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb(pid: int) -> float:
    """VmHWM of the process and its children (gunicorn's worker does the work)."""
    peaks = []
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except FileNotFoundError:
            pass
    return max(peaks or [0.0])


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def query_counts(db_url: str) -> str:
    code = (
        "import django;django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "c=Client()\n"
        "c.get('/api/v1/organisations?page_size=1', HTTP_HOST='127.0.0.1')  # loads bitmaps\n"
        "for size in (10, 100):\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        r=c.get(f'/api/v1/organisations?page_size={size}', HTTP_HOST='127.0.0.1')\n"
        "    n=len(ctx.captured_queries)\n"
        "    print(f'search page_size={size}: {n} queries (HTTP {r.status_code})')\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env(db_url), capture_output=True, text=True
    )
    return out.stdout.strip() or out.stderr[-2000:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--geojson-requests", type=int, default=5)
    parser.add_argument(
        "--skip-setup", action="store_true", help="reuse DATABASE_URL as it is (already filled)"
    )
    args = parser.parse_args()

    db_url = os.environ.get("DATABASE_URL")
    if not db_url:
        db_url = f"sqlite:///{tempfile.mkdtemp(prefix='kk-bench-')}/bench.sqlite3"
    print(f"database: {db_url}; organisations: {args.count}")
    t0 = time.perf_counter()
    if not args.skip_setup:
        manage(db_url, "migrate", "--no-input", "-v", "0")
        manage(db_url, "generate_demo_organisations", str(args.count))
        manage(db_url, "rebuild_directory_index")
        print(f"setup: {time.perf_counter() - t0:.0f} s")
    API_KEY["X-Api-Key"] = create_api_key(db_url)
    print(query_counts(db_url))

    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "cms.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "1",
            "--timeout",
            "600",
        ],
        cwd=ROOT,
        env=env(db_url),
    )
    try:
        for _ in range(100):
            try:
                timed_get("/api/v1/openapi.json")
                break
            except (ConnectionError, OSError):
                time.sleep(0.2)
        page = http.client.HTTPConnection("127.0.0.1", PORT)
        page.request("GET", "/api/v1/organisations?page_size=50", headers=API_KEY)
        import json

        items = json.loads(page.getresponse().read())["items"]
        slugs = [item["slug"] for item in items]
        phases = http.client.HTTPConnection("127.0.0.1", PORT)
        phases.request("GET", "/api/v1/phases", headers=API_KEY)
        phase = (json.loads(phases.getresponse().read()) or [{"slug": "none"}])[-1]["slug"]
        cases = {
            "search (text)": ["/api/v1/organisations?text=taal&page_size=20"] * args.requests,
            "search (phase+municipality facets)": [
                f"/api/v1/organisations?phases={phase}&page_size=20"
            ]
            * args.requests,
            "search (near postcode, by distance)": [
                "/api/v1/organisations?near=3511&radius_km=10&page_size=20"
            ]
            * args.requests,
            "detail": [
                f"/api/v1/organisations/{slugs[i % len(slugs)]}" for i in range(args.requests)
            ],
            "GeoJSON, all locations": ["/api/v1/locations"] * args.geojson_requests,
            "GeoJSON, text=taal": ["/api/v1/locations?text=taal"] * args.geojson_requests,
        }
        header = ("case", "n", "TTFB med", "TTFB p95", "total med", "total p95", "size")
        print("\n{:40} {:>3} {:>9} {:>9} {:>10} {:>10} {:>10}".format(*header))
        for name, paths in cases.items():
            results = [timed_get(p) for p in paths]
            ttfb = [r[0] * 1000 for r in results]
            total = [r[1] * 1000 for r in results]
            row = (statistics.median(ttfb), pct(ttfb, 0.95), statistics.median(total))
            print(
                f"{name:40} {len(results):>3} {row[0]:>7.1f}ms {row[1]:>7.1f}ms {row[2]:>8.1f}ms "
                f"{pct(total, 0.95):>8.1f}ms {results[-1][2]:>9}B"
            )
        print(
            f"\nserver peak memory (VmHWM, max of master/worker): {peak_rss_mb(server.pid):.0f} MB"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
