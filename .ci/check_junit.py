"""Refuse a test run that passed without testing: read pytest's JUnit XML and fail when no
test ran, when fewer ran than expected, or (with --require-e2e) when no browser test ran.

pytest exits 5 when it collects nothing, which `set -e` already treats as a failure; this
catches the quieter cases: everything skipped, a marker filter that deselects the suite, or
browser tests silently skipped on a machine that should have Chromium.
"""

import argparse
import sys
from xml.etree import ElementTree


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("junit_xml")
    parser.add_argument("--min-passed", type=int, default=1)
    parser.add_argument("--require-e2e", action="store_true")
    args = parser.parse_args()

    tree = ElementTree.parse(args.junit_xml)  # noqa: S314 (our own pytest output)
    passed = skipped = failed = e2e_passed = 0
    for case in tree.iter("testcase"):
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcome:
            skipped += 1
        else:
            passed += 1
            if case.get("classname", "").startswith("tests.e2e."):
                e2e_passed += 1
    print(
        f"junit: {passed} passed, {failed} failed, {skipped} skipped "
        f"({e2e_passed} browser tests passed)"
    )
    problems = []
    if failed:
        problems.append(f"{failed} test(s) failed")
    if passed < args.min_passed:
        problems.append(f"only {passed} test(s) passed, at least {args.min_passed} expected")
    if args.require_e2e and not e2e_passed:
        problems.append("no browser test ran (Chromium missing or tests deselected)")
    for problem in problems:
        print(f"CI: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
