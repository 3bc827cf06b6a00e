"""Where the browser tests find Chromium, and how they launch it.

Playwright's own browser download cannot work on our machines (no network beyond package
registries), so the tests drive the distribution's Chromium (`apt-get install chromium`).
`KETENKAART_CHROMIUM` points at another binary; `KETENKAART_REQUIRE_E2E=1` (set by CI) turns a
missing Chromium from a skip into a failure, so CI can never pass without running them.
"""

import os
import shutil
from pathlib import Path

SKIP_REASON = (
    "Chromium niet gevonden: browsertests overgeslagen "
    "(installeer 'chromium' met apt of zet KETENKAART_CHROMIUM op het pad naar de browser)"
)

# Headless, and nothing that phones home: the tests must not touch the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, or None when there is none on this machine."""
    configured = os.environ.get("KETENKAART_CHROMIUM", "").strip()
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def e2e_required() -> bool:
    """CI sets KETENKAART_REQUIRE_E2E so that a missing browser fails instead of skipping."""
    return os.environ.get("KETENKAART_REQUIRE_E2E", "").strip().lower() in {"1", "true", "yes"}
