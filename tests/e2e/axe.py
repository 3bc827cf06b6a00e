"""Accessibility checks with axe-core, run inside the page by Playwright.

axe-core is the copy shipped inside the `axe-playwright-python` package (a test dependency), so
nothing is fetched from a CDN. The helper fails with a readable list: rule, impact, help text,
and the offending elements, so a red test says what to fix.
"""

from functools import cache
from pathlib import Path

import axe_playwright_python

BLOCKING_IMPACTS = ("serious", "critical")
# WCAG 2.1 A and AA is the bar of the brief; best-practice rules are reported as well.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def axe_source() -> str:
    """The axe-core script as shipped in the axe-playwright-python package."""
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_version() -> str:
    """The axe-core version from the script's licence header (e.g. '4.12.1')."""
    first_line = axe_source().split("\n", 1)[0]
    return first_line.replace("/*!", "").replace("axe", "").strip().lstrip("v")


def run_axe(page, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {
        "runOnly": {"type": "tag", "values": tags or AXE_TAGS},
        "resultTypes": ["violations"],
    }
    results = page.evaluate("options => axe.run(document, options)", options)
    return results["violations"]


def format_violations(violations: list[dict], url: str = "") -> str:
    """A readable report: one block per rule with its elements and what axe says is wrong."""
    lines = [f"{len(violations)} ernstige toegankelijkheidsfout(en) op {url or 'de pagina'}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more element(s)")
    return "\n".join(lines)


def serious_violations(violations: list[dict]) -> list[dict]:
    """Only the violations that block: impact serious or critical."""
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def assert_no_serious_axe_violations(page, tags: list[str] | None = None) -> list[dict]:
    """Fail when axe-core finds a serious or critical violation on the page.

    Returns the remaining (minor, moderate) violations so a test can report or check them.
    """
    violations = run_axe(page, tags)
    blocking = serious_violations(violations)
    assert not blocking, format_violations(blocking, page.url)
    return [v for v in violations if v not in blocking]
