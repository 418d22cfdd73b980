"""Integrity engine benchmark: resolution, rings and the one-record check on generated data."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LIFELINE_DEBUG", "1")

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

from lifeline.generation.integrity_people import (  # noqa: E402
    DEVELOPMENT,
    HELD_OUT,
    PERSON_FIELDS,
    generate_people,
    generate_sample,
)
from lifeline.integrity.identity.evaluation import bcubed_scores, pairwise_scores  # noqa: E402
from lifeline.integrity.identity.features import person_features  # noqa: E402
from lifeline.integrity.identity.linkage import make_linker, register_features, resolve  # noqa: E402

EVAL_SEED = 7  # never used for training (training uses seed 101)
# The development setting at the evaluation seed, or the frozen held-out setting at its own.
SETTINGS = {"development": (DEVELOPMENT, EVAL_SEED), "held-out": (HELD_OUT, HELD_OUT.seed)}
FIELDS = [f for f in PERSON_FIELDS if f != "record_id"]


def _cpu_s() -> float:
    """CPU seconds of this process and of its finished children (normalisation workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _true_pair_completeness(features, truth: list[int]) -> tuple[float, int]:
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        register_features(con, features, "people")
        blocked = make_linker(con, "people").inference.compute_blocked_pairs_for_predict()
        pairs = con.sql(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchnumpy()  # noqa: S608
    labels = np.asarray(truth)
    left, right = pairs["join_key_l"], pairs["join_key_r"]
    found = int(np.count_nonzero(labels[left] == labels[right]))
    sizes = np.unique(labels, return_counts=True)[1]
    true_pairs = int((sizes * (sizes - 1) // 2).sum())
    return (found / true_pairs if true_pairs else 1.0), len(left)


def _scores(predicted, truth) -> dict:
    pairwise, bcubed = pairwise_scores(predicted, truth), bcubed_scores(predicted, truth)
    return {"precision": round(pairwise.precision, 4), "recall": round(pairwise.recall, 4),
            "f1": round(pairwise.f1, 4), "cluster_f1_bcubed": round(bcubed.f1, 4)}  # fmt: skip


def _pairs_within(groups: np.ndarray, exclude: np.ndarray | None = None):
    """Row pairs (a, b) sharing a group label, optionally not sharing an `exclude` label."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    ends = np.r_[starts[1:], len(order)]
    for start, end in zip(starts, ends, strict=True):
        members = order[start:end]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if exclude is None or exclude[a] != exclude[b]:
                    yield a, b


def error_kind_recall(predicted, person_of, errors_of) -> dict[str, dict]:
    """Per error kind: true pairs where either record carries it, and the share found."""
    found, total = defaultdict(int), defaultdict(int)
    predicted, people = np.asarray(predicted), np.asarray(person_of)
    for a, b in _pairs_within(people):
        same = bool(predicted[a] == predicted[b])
        for kind in set(errors_of[a]) | set(errors_of[b]) or {"none"}:
            total[kind] += 1
            found[kind] += same
    return {kind: {"pairs": total[kind], "recall": round(found[kind] / total[kind], 4)}
            for kind in sorted(total)}  # fmt: skip


def family_merge_share(predicted, person_of, household_of) -> dict:
    """Pairs of records of different people in one household, and the share put together."""
    predicted, people = np.asarray(predicted), np.asarray(person_of)
    pairs = merged = 0
    for a, b in _pairs_within(np.asarray(household_of), exclude=people):
        pairs += 1
        merged += bool(predicted[a] == predicted[b])
    return {"family_pairs": pairs, "merged_share": round(merged / pairs, 5) if pairs else 0.0}


def run_resolve(size: int, setting_name: str = "development") -> dict:
    """Splink resolution and the exact-match baseline on one generated set."""
    setting, seed = SETTINGS[setting_name]
    sample = generate_sample(size, setting=setting, seed=seed)
    truth = sample.person_of
    columns = {f: [r[f] for r in sample.records] for f in FIELDS}
    started, cpu = time.perf_counter(), _cpu_s()
    features = person_features(columns)
    normalise_s, normalise_cpu = time.perf_counter() - started, _cpu_s() - cpu
    started, cpu = time.perf_counter(), _cpu_s()
    result = resolve(features)
    splink_s, splink_cpu = time.perf_counter() - started, _cpu_s() - cpu
    peak = _peak_rss_gb()
    started = time.perf_counter()
    keys = list(zip(*(features.column(c).to_pylist() for c in ("given_key", "family_key", "dob")),
                    strict=True))  # fmt: skip
    label_of: dict = {}
    baseline = [label_of.setdefault(k, len(label_of)) if None not in k else -i - 1
                for i, k in enumerate(keys)]  # fmt: skip
    baseline_s = time.perf_counter() - started
    completeness, candidates = _true_pair_completeness(features, truth)
    predicted = list(result.cluster_of_row)
    return {
        "section": "resolve", "setting": setting.name, "records": size,
        "normalise_s": round(normalise_s, 1),
        "splink_s": round(splink_s, 1), "total_s": round(normalise_s + splink_s, 1),
        "total_cpu_s": round(normalise_cpu + splink_cpu, 1), "normalise_cpu_s":
        round(normalise_cpu, 1), "splink_cpu_s": round(splink_cpu, 1),
        "peak_rss_gb": round(peak, 2), "candidate_pairs": candidates,
        "worker_peak_rss_gb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024, 2),
        "pair_completeness": round(completeness, 4),
        "splink": _scores(predicted, truth),
        "baseline_exact": _scores(baseline, truth) | {"seconds": round(baseline_s, 2)},
        "families": family_merge_share(predicted, truth, sample.household_of),
        "recall_by_error_kind": error_kind_recall(predicted, truth, sample.errors_of),
    }  # fmt: skip


def run_rings(clean_supporters: int) -> dict:
    """Planted rings and hard negatives among clean forms; each phase timed."""
    from lifeline.generation.integrity_forms import FORM_COLUMNS, generate_forms
    from lifeline.integrity.rings import detection as rings
    from lifeline.integrity.rings.policy import RingPolicy, load_hub_values

    n_rings = max(16, clean_supporters // 2000)
    rows, truth = generate_forms(clean_supporters, seed=EVAL_SEED, n_rings=n_rings,
                                 n_families=max(10, n_rings), n_hub_supporters=200)  # fmt: skip
    columns = {c: [r[c] for r in rows] for c in FORM_COLUMNS if c != "form_id"}
    n = len(rows)
    del rows
    policy = RingPolicy(hub_values=load_hub_values())
    timings: dict[str, float] = {}

    def timed(phase: str, started: float, cpu: float) -> None:
        timings[f"{phase}_s"] = time.perf_counter() - started
        timings[f"{phase}_cpu_s"] = _cpu_s() - cpu

    began, began_cpu = time.perf_counter(), _cpu_s()
    started, cpu = began, began_cpu
    supporter, household = rings.resolve_supporters(columns, n)
    timed("resolve_supporters", started, cpu)
    started, cpu = time.perf_counter(), _cpu_s()
    table, invalid = rings.identifier_table(columns, policy, os.urandom(32))
    table = pa.concat_tables([table, rings.supporter_edges(supporter)])
    timed("normalise_and_fingerprint", started, cpu)
    started, cpu = time.perf_counter(), _cpu_s()
    signals = rings.degree_screen(table, supporter, household, policy)
    report = rings.assemble_rings(n, table, signals, invalid)
    timed("screen_and_components", started, cpu)
    timed("end_to_end", began, began_cpu)
    groups = defaultdict(list)
    for row, t in enumerate(truth):
        groups[(t.kind, t.group)].append(row)
    planted = [rows_ for (kind, _), rows_ in groups.items() if kind == "ring"]
    found = sum(sum(r in report.ring_of_row for r in rs) >= 0.9 * len(rs) for rs in planted)
    clean = groups[("clean", "")]
    hard = [r for (kind, _), rs in groups.items() if kind == "hard_negative" for r in rs]
    return {
        "section": "rings", "forms": n, "planted_rings": len(planted),
        "ring_recall": round(found / len(planted), 4),
        "clean_flag_share": round(sum(r in report.ring_of_row for r in clean) / len(clean), 5),
        "hard_negative_forms": len(hard),
        "hard_negative_flag_share": round(
            sum(r in report.ring_of_row for r in hard) / len(hard), 5),
        "rings_reported": len(report.score_of_ring), "peak_rss_gb": round(_peak_rss_gb(), 2),
    } | {k: round(v, 2) for k, v in timings.items()}  # fmt: skip


def run_incremental(size: int, queries: int = 50) -> dict:
    """One new person against `size` known people: build, snapshot load, check latency."""
    from lifeline.integrity.identity.incremental import IdentityIndex

    records, _ = generate_people(size, seed=EVAL_SEED + 1)
    features = person_features({f: [r[f] for r in records] for f in FIELDS})
    started, cpu = time.perf_counter(), _cpu_s()
    index = IdentityIndex(features, np.arange(size))
    build_s, build_cpu = time.perf_counter() - started, _cpu_s() - cpu
    key, path = os.urandom(32), Path(tempfile.gettempdir()) / f"identity-{size}.idx"
    index.save(path, key=key)
    del index
    started = time.perf_counter()
    index = IdentityIndex.load(path, key=key)
    load_s = time.perf_counter() - started
    path.unlink()
    latencies = []
    hits = 0
    for row in np.random.default_rng(3).choice(size, queries, replace=False):
        query = {f: records[row][f] for f in FIELDS} | {"email": None}
        started = time.perf_counter()
        matches = index.check(query)
        latencies.append(time.perf_counter() - started)
        hits += any(m.unique_id == row for m in matches[:5])
    return {
        "section": "incremental", "known_people": size, "build_s": round(build_s, 1),
        "build_cpu_s": round(build_cpu, 1),
        "snapshot_load_s": round(load_s, 1), "queries": queries,
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(float(np.percentile(latencies, 95)) * 1000, 1),
        "self_found_share": round(hits / queries, 3), "peak_rss_gb": round(_peak_rss_gb(), 2),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resolve", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--rings", type=int, nargs="*", default=[40_000],
                        help="clean supporters (about 2.5 forms each)")  # fmt: skip
    parser.add_argument("--incremental", type=int, nargs="*", default=[100_000])
    parser.add_argument("--setting", choices=sorted(SETTINGS), default="development",
                        help="generator setting for --resolve")  # fmt: skip
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one job in this process
    args = parser.parse_args()
    if args.one:
        section, size, *setting = args.one.split(":")
        job = {"resolve": run_resolve, "rings": run_rings, "incremental": run_incremental}
        print(json.dumps(job[section](int(size), *setting)))
        return
    jobs = [f"resolve:{n}:{args.setting}" for n in args.resolve]
    jobs += [f"rings:{n}" for n in args.rings]
    jobs += [f"incremental:{n}" for n in args.incremental]
    for job in jobs:  # each in its own process, so peak memory is per job
        out = subprocess.run([sys.executable, __file__, "--one", job], capture_output=True,
                             text=True, check=True)  # fmt: skip
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
