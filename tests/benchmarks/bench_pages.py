"""Render-time benchmark for the editorial site: home, news index and a news item.

Runs under production-like settings: DEBUG off, the manifest static storage (collectstatic into
a temporary folder), caching on (the configured cache: Redis with CACHE_URL/REDIS_URL, else
local memory) and the database from DATABASE_URL (PostgreSQL in production). It prepares the
database itself: migrate, the real seed content and 1,000 fictional news items (once).

Each URL is requested through the whole Django stack (middleware, Wagtail routing, templates)
with the test client, after a warm-up. "cold" clears the cache before every request (the first
visitor after a publish); "warm" is the steady state with fragment caches filled.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kk_cms \\
        .venv/bin/python tests/benchmarks/bench_pages.py [--runs 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.base")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
os.environ["DEBUG"] = "false"
os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "ketenkaart-bench-static"))


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def prepare(news_count: int) -> None:
    from django.core.management import call_command

    from cms.models import NewsPage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_seed_content", verbosity=0)
    missing = news_count - NewsPage.objects.filter(slug__startswith="fictief-").count()
    if missing > 0:
        call_command("generate_news", count=missing, verbosity=0)


def measure(client, url: str, runs: int, cold: bool) -> list[float]:
    from django.core.cache import cache

    timings = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url, secure=True, HTTP_HOST="localhost")
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings.append(elapsed)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--news", type=int, default=1000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from cms.models import HomePage, NewsIndexPage, NewsPage

    prepare(args.news)
    home = HomePage.objects.get()
    index = NewsIndexPage.objects.live().first()
    item = NewsPage.objects.live().order_by("-date", "-pk").first()
    urls = {"home": home.url, "news index": index.url, "news item": item.url}

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(f"cache: {settings.CACHES['default']['BACKEND']}")
    print(f"news items: {NewsPage.objects.live().count()}, runs per URL: {args.runs}, DEBUG off")
    print(f"{'page':<12} {'mode':<5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    client = Client()
    for name, url in urls.items():
        measure(client, url, 10, cold=False)  # warm-up: connections, templates, fragments
        for mode, cold in (("cold", True), ("warm", False)):
            timings = measure(client, url, args.runs, cold=cold)
            print(
                f"{name:<12} {mode:<5} {statistics.median(timings):>10.2f} "
                f"{percentile(timings, 0.95):>8.2f} {max(timings):>8.2f}"
            )


if __name__ == "__main__":
    main()
