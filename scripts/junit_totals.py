"""Add up JUnit XML reports from pytest and print `passed failed skipped` as three numbers."""

from __future__ import annotations

import sys
from xml.etree import ElementTree


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    for path in paths:
        root = ElementTree.parse(path).getroot()  # noqa: S314 (our own pytest's report)
        suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
        for suite in suites:
            total = int(suite.get("tests", 0))
            suite_failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            suite_skipped = int(suite.get("skipped", 0))
            failed += suite_failed
            skipped += suite_skipped
            passed += total - suite_failed - suite_skipped
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
