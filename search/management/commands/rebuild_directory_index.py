"""Rebuild a search index from the live objects, with a progress bar.

The database backend replaces the documents in one transaction; Elasticsearch builds a new
versioned index and moves the alias to it only when it is complete, so searches keep being
answered from the old index during the rebuild and after a failure.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import get_backend
from search.registry import registry


class ProgressBar:
    """A one-line progress bar on a stream (no dependency; quiet when not a terminal)."""

    def __init__(self, total: int, stream, width: int = 30, enabled: bool = True):
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream
        self.width = width
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        fraction = min(1.0, self.done / self.total) if self.total else 1.0
        filled = int(self.width * fraction)
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {fraction:6.1%} {self.done}/{self.total} ({rate:,.0f}/s)")
        self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Herbouw de zoekindex van de partnergids (of een andere geregistreerde index)."

    def add_arguments(self, parser):
        parser.add_argument("--index", default="directory", help="Name of the registered index.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, index, no_progress, **options):
        if index not in registry:
            names = ", ".join(sorted(i.name for i in registry)) or "(none)"
            raise CommandError(f"Unknown index {index!r}. Registered: {names}")
        search_index = registry.get(index)
        backend = get_backend()
        total = search_index.count()
        show = not no_progress and options.get("verbosity", 1) > 0
        progress = ProgressBar(total, sys.stderr, enabled=show and sys.stderr.isatty())
        self.stdout.write(f"Rebuilding {index!r} ({total} objects) with {backend.name}…")
        try:
            report = backend.rebuild(search_index, progress=progress)
        except Exception as exc:
            progress.close()
            raise CommandError(f"Rebuild failed, the previous index keeps serving: {exc}") from exc
        progress.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.documents} documents in {report.seconds:.1f}s "
                f"({report.per_second:,.0f}/s) into {report.target}."
            )
        )
