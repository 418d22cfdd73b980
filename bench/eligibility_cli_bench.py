"""`lifeline eligibility check` from the shell: cold start of one check, and N documents at once.

Usage: .venv/bin/python bench/eligibility_cli_bench.py [--requests 10000] [--seed 7]

Writes N generated documents (bench/request_documents.py) to a JSON Lines file, then times the
command as a user runs it: a fresh process for one example document (best and median of five),
and one process for all N documents with `--as-of`, counting the answer lines. The load
average (/proc/loadavg) is printed beside each figure: on a shared machine wall time follows it.
Targets: one check <= 0.5 s, 10,000 documents < 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
COMMAND = [str(ROOT / ".venv" / "bin" / "lifeline"), "eligibility", "check"]


def _run(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, stdout) of one run of the command."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run([*COMMAND, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout


def _load() -> str:
    """The 1-, 5- and 15-minute load averages, where the system reports them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from request_documents import make_documents

    load_before = _load()
    single = [_run(["examples/general-medical.json", "--as-of", "2026-12-01"]) for _ in range(5)]
    walls = sorted(wall for wall, _, _ in single)
    cpus = sorted(cpu for _, cpu, _ in single)
    print(
        f"one check, cold process: best {walls[0]:.2f} s, median {statistics.median(walls):.2f} s "
        f"wall; median {statistics.median(cpus):.2f} s CPU (load {load_before} -> {_load()})"
    )
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "requests.jsonl"
        documents = make_documents(args.requests, seed=args.seed)
        lines.write_text("".join(json.dumps(item) + "\n" for item in documents), encoding="utf-8")
        load_before = _load()
        wall, cpu, out = _run([str(lines), "--as-of", "2026-12-01"])
    answers = out.count("\n")
    print(
        f"{answers:,} documents in one process: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({wall / max(answers, 1) * 1e3:.2f} ms per document; load {load_before} -> {_load()})"
    )


if __name__ == "__main__":
    main()
