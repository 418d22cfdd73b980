"""What-if engine: `compare_versions` over N pending requests of one program, against a draft.

Usage: .venv/bin/python bench/whatif_bench.py [--requests 100000] [--processes 1] [--seed 11]

Generates N Uniting for Ukraine request documents (bench/request_documents.py), validates them
as the API would, then times `compare_versions` with a draft of u4u-2024-02-27 that drops
"citizen" from the supporter list (so many outcomes change). With --processes 2 the documents
are split across two worker processes, as a 2-core deployment would run it. Target: 100,000
requests in under 120 s. No database is used (the intake app adds the database side).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LIFELINE_DEBUG", "1")
    import django

    django.setup()


def _draft():
    from lifeline.programs.loader import read_program_version
    from lifeline.programs.registry import get_registry

    registry = get_registry()
    text = (ROOT / "policies" / "u4u" / "u4u-2024-02-27.yaml").read_text(encoding="utf-8")
    return read_program_version(
        text.replace("    - citizen\n", ""),
        source_name="draft.yaml",
        fee_kinds=registry.fees.kinds(),
        check_location=False,
    )


@dataclass
class ChunkResult:
    evaluated: int
    changed: int
    transitions: dict[str, int]
    validate_s: float
    validate_cpu_s: float
    compare_s: float
    compare_cpu_s: float


def _compare(raw: list[tuple[int, dict]]) -> ChunkResult:
    """Validate and compare one chunk; returns counts and the time each step took."""
    _setup()
    from lifeline.programs.documents import RequestDocument
    from lifeline.programs.evaluation import compare_versions

    draft = _draft()
    begin, validate_cpu = time.perf_counter(), time.process_time()
    documents = [(f"HP-{index}", RequestDocument.model_validate(item)) for index, item in raw]
    validated, cpu_begin = time.perf_counter(), time.process_time()
    report = compare_versions(documents, draft=draft)
    return ChunkResult(
        evaluated=report.evaluated_count,
        changed=report.changed_count,
        transitions=report.transitions,
        validate_s=validated - begin,
        validate_cpu_s=cpu_begin - validate_cpu,
        compare_s=time.perf_counter() - validated,
        compare_cpu_s=time.process_time() - cpu_begin,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    _setup()
    from request_documents import make_documents

    raw = list(enumerate(make_documents(args.requests, seed=args.seed, programs=["u4u"])))
    chunks = [raw[index :: args.processes] for index in range(args.processes)]
    started = time.perf_counter()
    if args.processes == 1:
        results = [_compare(chunks[0])]
    else:
        with ProcessPoolExecutor(max_workers=args.processes) as pool:
            results = list(pool.map(_compare, chunks))
    wall_s = time.perf_counter() - started
    evaluated = sum(result.evaluated for result in results)
    changed = sum(result.changed for result in results)
    transitions: dict[str, int] = {}
    for result in results:
        for key, count in result.transitions.items():
            transitions[key] = transitions.get(key, 0) + count
    validate_s = max(result.validate_s for result in results)
    validate_cpu_s = sum(result.validate_cpu_s for result in results)
    compare_s = max(result.compare_s for result in results)
    cpu_s = sum(result.compare_cpu_s for result in results)
    print(f"pending requests: {evaluated:,} (u4u), processes: {args.processes}")
    print(f"document validation: {validate_s:.1f} s wall, {validate_cpu_s:.1f} s CPU in all")
    print(
        f"compare_versions: {compare_s:.1f} s wall, {cpu_s:.1f} s CPU in all "
        f"({cpu_s / max(evaluated, 1) * 1e6:.0f} us CPU a request)"
    )
    print(
        f"total wall time (validation, comparison, process start): {wall_s:.1f} s "
        "(target < 120 s for 100,000)"
    )
    print(
        f"outcome would change for {changed:,}: "
        + ", ".join(f"{key} {count:,}" for key, count in sorted(transitions.items()))
    )


if __name__ == "__main__":
    main()
