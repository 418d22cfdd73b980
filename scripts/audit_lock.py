"""Known vulnerabilities in the locked requirements (pip-audit), tolerant of a missing network.

usage: python scripts/audit_lock.py requirements/base.txt requirements/dev.txt

Exit 1 when a locked package has a known vulnerability; exit 0, saying clearly what was not
audited, when the vulnerability database (the PyPI JSON API) cannot be reached.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

_UNREACHABLE_HINTS = ("not found on PyPI", "Connection", "timed out", "Max retries", "resolve")


def verdict(report: dict[str, Any]) -> tuple[int, list[str]]:
    """The exit code and the lines to print for a pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    lines = [
        f"VULNERABLE {d['name']} {d.get('version', '')}: "
        + ", ".join(
            f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
            for v in d["vulns"]
        )
        for d in vulnerable
    ]
    if skipped:
        lines.append(
            f"NOT AUDITED {len(skipped)} of {len(dependencies)} packages: the vulnerability "
            "database (PyPI JSON API) did not answer for them, e.g. "
            f"{skipped[0]['name']}: {skipped[0]['skip_reason']}"
        )
    if vulnerable:
        return 1, lines
    audited = len(dependencies) - len(skipped)
    lines.append(f"no known vulnerabilities in {audited} audited packages")
    return 0, lines


def main(requirement_files: list[str]) -> int:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--no-deps"]
    command += ["--disable-pip", "--progress-spinner", "off"]
    for path in requirement_files:
        command += ["--requirement", path]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        problem = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        if any(hint in problem[0] for hint in _UNREACHABLE_HINTS):
            print(f"NOT AUDITED: the vulnerability database cannot be reached ({problem[0]})")
            return 0
        print(f"pip-audit failed: {problem[0]}", file=sys.stderr)
        return 2
    code, lines = verdict(report)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
