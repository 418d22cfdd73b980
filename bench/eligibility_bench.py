"""Pre-screen latency: N generated request documents through `prescreen`, one at a time.

Usage: .venv/bin/python bench/eligibility_bench.py [--requests 20000] [--seed 7]

Documents come from a small seeded generator (bench/request_documents.py) across all nine
programs. Reports the time to validate and evaluate each request (mean, p50, p95, p99) and the
time 100,000 requests would take on one core. No database is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LIFELINE_DEBUG", "1")
    import django

    django.setup()
    from request_documents import make_documents

    from lifeline.programs.documents import RequestDocument
    from lifeline.programs.evaluation import prescreen
    from lifeline.programs.registry import get_registry

    started = time.perf_counter()
    registry = get_registry()
    load_s = time.perf_counter() - started
    versions = sum(len(registry.versions(program)) for program in registry.programs())
    raw = make_documents(args.requests, seed=args.seed)
    documents = [RequestDocument.model_validate(item) for item in raw]
    prescreen(documents[0])  # warm the per-version caches
    latencies, outcomes = [], {}
    cpu_started = time.process_time()
    for document in documents:
        begin = time.perf_counter()
        result = prescreen(document)
        latencies.append(time.perf_counter() - begin)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    cpu_s = time.process_time() - cpu_started
    total = sum(latencies)
    ordered = sorted(latencies)

    def percentile(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1e6

    programs = len({document.program for document in documents})
    mean_us = statistics.fmean(latencies) * 1e6
    print(f"policy registry loaded ({versions} versions, CEL compiled) in {load_s:.2f} s")
    print(f"requests evaluated: {len(documents):,} across {programs} programs")
    print(
        f"per request (wall): mean {mean_us:.0f} us, p50 {percentile(0.5):.0f} us, "
        f"p95 {percentile(0.95):.0f} us, p99 {percentile(0.99):.0f} us"
    )
    print(f"per request (CPU): {cpu_s / len(documents) * 1e6:.0f} us")
    print(
        f"100,000 requests on one core: {total / len(documents) * 100_000:.1f} s wall, "
        f"{cpu_s / len(documents) * 100_000:.1f} s CPU"
    )
    print("outcomes: " + ", ".join(f"{name} {count:,}" for name, count in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
