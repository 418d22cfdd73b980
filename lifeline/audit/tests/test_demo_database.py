"""`scripts/demo lifeline ...` works on the database the caller names, not silently the demo's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

_DEMO_KEYS = (
    "LIFELINE_SECRET_KEY=demo-secret\n"
    "LIFELINE_FIELD_KEYS=ZGVtby1maWVsZC1rZXk=\n"
    "LIFELINE_AUDIT_KEYS=demo-chain-1:ZGVtby1jaGFpbi1rZXk=\n"
    "LIFELINE_AUDIT_CHECKPOINT_KEYS=demo-checkpoint-1:ZGVtby1jaGVja3BvaW50\n"
)
_SHOWN = ("DATABASE_URL", "LIFELINE_AUDIT_KEYS", "LIFELINE_FIELD_KEYS", "LIFELINE_DEBUG")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """The demo script in a scratch project whose `lifeline` only prints what it was given."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    for name in ("demo", "lib.sh"):
        shutil.copy2(Path(settings.BASE_DIR) / "scripts" / name, scripts / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    fake = bin_dir / "lifeline"
    shown = " ".join(f'"{name}=${{{name}-unset}}"' for name in _SHOWN)
    fake.write_text(f'#!/usr/bin/env bash\nprintf "%s\\n" {shown} "args=$*"\n')
    fake.chmod(0o755)
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "demo.env").write_text(_DEMO_KEYS)
    return tmp_path


def _run_demo(project: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(project), **environment}
    return subprocess.run(  # noqa: S603 - a copy of our own script
        [str(project / "scripts" / "demo"), "lifeline", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def _given(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


def test_a_callers_database_url_wins_and_is_announced(demo_copy: Path) -> None:
    url = "postgres://postgres@127.0.0.1:5432/elsewhere"
    result = _run_demo(demo_copy, DATABASE_URL=url)
    given = _given(result)
    assert (given["DATABASE_URL"], given["args"]) == (url, "audit verify")
    assert "DATABASE_URL from your environment, not the demo's SQLite file" in result.stderr


def test_without_a_database_url_the_demo_database_and_keys_are_used(demo_copy: Path) -> None:
    given = _given(_run_demo(demo_copy))
    assert given["DATABASE_URL"] == "unset"  # settings then fall back to var/lifeline.sqlite3
    assert given["LIFELINE_AUDIT_KEYS"] == "demo-chain-1:ZGVtby1jaGFpbi1rZXk="
    assert given["LIFELINE_DEBUG"] == "1"


def test_the_callers_keys_win_over_the_demo_keys(demo_copy: Path) -> None:
    given = _given(_run_demo(demo_copy, DATABASE_URL="sqlite:///x", LIFELINE_AUDIT_KEYS="mine:a"))
    assert given["LIFELINE_AUDIT_KEYS"] == "mine:a"
    assert given["LIFELINE_FIELD_KEYS"] == "ZGVtby1maWVsZC1rZXk="  # not set by the caller


def test_an_older_demo_env_gains_audit_keys_once(demo_copy: Path) -> None:
    demo_env = demo_copy / "var" / "demo.env"
    demo_env.write_text(_DEMO_KEYS.split("LIFELINE_AUDIT_KEYS")[0])
    first = _given(_run_demo(demo_copy))["LIFELINE_AUDIT_KEYS"]
    second = _given(_run_demo(demo_copy))["LIFELINE_AUDIT_KEYS"]
    assert first.startswith("demo-chain-1:") and first == second
    assert demo_env.read_text().count("LIFELINE_AUDIT_CHECKPOINT_KEYS=") == 1
