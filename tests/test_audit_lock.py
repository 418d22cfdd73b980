"""The dependency audit step fails on a known vulnerability and passes, saying so, offline."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


def _audit() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "audit_lock.py"
    spec = importlib.util.spec_from_file_location("audit_lock", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "4.2.0", "vulns": [
            {"id": "PYSEC-2023-61", "fix_versions": ["4.2.1"], "aliases": [], "description": ""}
        ]},
        {"name": "idna", "version": "3.10", "vulns": []},
    ],
    "fixes": [],
}  # fmt: skip
OFFLINE = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be "
         "audited: django (6.0)"},
    ],
    "fixes": [],
}  # fmt: skip
CLEAN = {"dependencies": [{"name": "idna", "version": "3.10", "vulns": []}], "fixes": []}


@pytest.mark.parametrize(
    ("report", "code", "words"),
    [
        (VULNERABLE, 1, "VULNERABLE django 4.2.0: PYSEC-2023-61 (fixed in 4.2.1)"),
        (OFFLINE, 0, "NOT AUDITED 1 of 1 packages"),
        (CLEAN, 0, "no known vulnerabilities in 1 audited packages"),
    ],
)
def test_the_verdict_on_a_pip_audit_report(report: dict, code: int, words: str) -> None:  # type: ignore[type-arg]
    exit_code, lines = _audit().verdict(report)
    assert exit_code == code
    assert any(words in line for line in lines), lines
