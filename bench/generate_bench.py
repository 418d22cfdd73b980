"""Synthetic data generation: `lifeline generate` for N requests into a fresh SQLite file.

Usage: .venv/bin/python bench/generate_bench.py [--requests 10000] [--seed 7] [--keep]

Runs in a temporary LIFELINE_VAR_DIR with its own SQLite database, migrated first, with DEBUG
off (as in production: no query logging). Times the whole command as a user runs it (start-up
included), reports wall time, requests per second, the CPU time the command used (on a busy
machine wall time overstates the cost; CPU time does not), and what was written. Target: 10,000
requests in under 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import base64
import os
import resource
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIFELINE = ROOT / ".venv" / "bin" / "lifeline"
TARGET_SECONDS = 60.0
LAST_FILING_ON = "2026-11-01"  # fixed, so that every run generates the same data
TABLES = {
    "requests": "intake_parolerequest",
    "declarations": "supporters_supporterdeclaration",
    "people": "people_person",
    "users": "accounts_user",
    "audit events": "audit_auditevent",
}


def _environment(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "LIFELINE_TESTING", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "LIFELINE_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "LIFELINE_DEBUG": "0",
            "LIFELINE_SECRET_KEY": secrets.token_urlsafe(50),
            "LIFELINE_FIELD_KEYS": base64.b64encode(secrets.token_bytes(32)).decode(),
            "LIFELINE_AUDIT_KEYS": f"bench:{base64.b64encode(secrets.token_bytes(32)).decode()}",
            "LIFELINE_AUDIT_CHECKPOINT_KEYS": (
                f"bench-checkpoint:{base64.b64encode(secrets.token_bytes(32)).decode()}"
            ),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    return env


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            label: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            for label, table in TABLES.items()
        }


def _run(folder: Path, requests: int, seed: int) -> None:
    env = _environment(folder)
    subprocess.run(
        [str(LIFELINE), "migrate", "--noinput", "--verbosity", "0"], env=env, cwd=ROOT, check=True
    )
    command = [
        str(LIFELINE),
        "generate",
        "--requests",
        str(requests),
        "--seed",
        str(seed),
        "--until",
        LAST_FILING_ON,
    ]
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    finished = subprocess.run(
        command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    wall_s = time.perf_counter() - started
    cpu_s = _children_cpu_seconds() - cpu_before
    counts = _counts(folder / "bench.sqlite3")
    print(
        f"command: lifeline generate --requests {requests} --seed {seed} --until {LAST_FILING_ON}  "
        "(SQLite, DEBUG off, fresh database)"
    )
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} at start")
    print(f"wall time: {wall_s:.1f} s  ->  {requests / wall_s:.0f} requests/s")
    print(
        f"CPU time used by the command: {cpu_s:.1f} s  ->  "
        f"{1000 * cpu_s / max(requests, 1):.1f} ms of CPU per request"
    )
    print(f"the command reports: {finished.stdout.strip().splitlines()[-1]}")
    print("written: " + ", ".join(f"{count:,} {label}" for label, count in counts.items()))
    scaled = wall_s * 10_000 / max(requests, 1)
    verdict = "meets" if scaled < TARGET_SECONDS else "misses"
    print(
        f"target: 10,000 requests in < {TARGET_SECONDS:.0f} s -> {verdict} "
        f"({scaled:.0f} s for 10,000 at this rate)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database and truth file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lifeline-generate-bench-"))
    try:
        _run(folder, args.requests, args.seed)
    except subprocess.CalledProcessError as error:
        sys.exit(
            f"{Path(error.cmd[0]).name} {error.cmd[1]} failed (exit {error.returncode}); "
            "its error is above"
        )
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
