"""The oracle bound on the consistency grid: power of the flags that know the simulation's truth.

For each report of the grid (the seeds of `consistency_grid_bench.py`), the oracle knows the
true case-mix coefficients, office effects, ordinary SD, outlier share and outlier odds ratio.
Its per-officer statistic is the maximum-likelihood officer effect from the officer's own
decisions with everything else known (the most any estimate can extract from them), with its
own sampling variance; its flags are the Sun-Cai rule at the level: the true local fdr
(ordinary N(0, tau^2 + v_i) against outliers at +/- log OR with variance v_i), officers taken
in increasing local fdr while their mean stays at or under the level, the rule Sun and Cai
(2007) show to find the most, asymptotically, among those whose marginal FDR is at most the
level. A second oracle is not told the office effects: it measures each officer against the
colleagues' leave-one-out mean, as any method must, and is told the rest; it counts every
colleague as ordinary in the variance, so it is also scored with the reference's honest variance
(each outlying colleague's own spread counted, ADR 0265). With --with-method
each report is also fitted by the project's method (or taken from the grid bench's cache), and
its odds ratios and variances are compared with the oracle's.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from consistency_grid_bench import (  # noqa: E402
    CELLS,
    HELD_OUT_SEED_BASE,
    NULL_CELLS,
    POWER_MIN_CASELOAD,
    POWER_MIN_ODDS_RATIO,
    POWER_MIN_SDS,
    TUNING_SEED_BASE,
    Cell,
    Replicate,
    fit_cells,
    flag,
)

from lifeline.analytics.consistency.oracle import (  # noqa: E402
    against_colleagues,
    honest_colleagues_variance,
    known_offset,
    oracle_statistic,
    true_local_fdr,
    true_office_effects,
)
from lifeline.analytics.consistency.outliers import bayesian_q_values  # noqa: E402
from lifeline.analytics.consistency.simulate import simulate_decisions  # noqa: E402

LEVELS = (0.05, 0.075, 0.1, 0.15, 0.2)


def in_scope(simulation, decisions: np.ndarray, cell: Cell) -> np.ndarray:
    truth = np.abs(simulation.true_log_odds_ratio)
    return (
        simulation.is_outlier
        & (truth >= np.log(POWER_MIN_ODDS_RATIO) - 1e-9)
        & (truth >= POWER_MIN_SDS * cell.sd - 1e-9)
        & (decisions >= POWER_MIN_CASELOAD)
    )


def run_report(cell: Cell, seed: int, replicate: Replicate | None) -> dict:
    """The oracle's flags on one report and, given the method's fitted replicate of the same
    seed, the method's flags, the Bayes rule told the truth on the method's odds ratios, and how
    the method's odds ratios and variances compare with the oracle's."""
    spec = cell.spec()
    simulation = simulate_decisions(spec, seed)
    office_effect = true_office_effects(spec, seed)
    effect, variance, decisions = oracle_statistic(
        simulation, known_offset(simulation, office_effect)
    )
    scope = in_scope(simulation, decisions, cell)
    truth = simulation.true_log_odds_ratio
    outlier = simulation.is_outlier
    result: dict = {
        "scope": int(scope.sum()),
        "oracle_error_z2": float(np.mean((effect - truth) ** 2 / variance)),
    }
    lfdr = true_local_fdr(effect, variance, cell)
    for level in LEVELS:
        flagged = bayesian_q_values(lfdr) <= level
        result[f"oracle_{level}"] = _counts(flagged, outlier, scope)
    office = np.arange(truth.size) // spec.adjudicators_per_group
    against, against_variance = against_colleagues(
        effect + office_effect[office], variance, office, cell
    )
    colleagues_q = bayesian_q_values(true_local_fdr(against, against_variance, cell))
    honest_variance = honest_colleagues_variance(variance, office, truth, outlier, cell)
    honest_q = bayesian_q_values(true_local_fdr(against, honest_variance, cell))
    for level in LEVELS:
        result[f"colleagues_{level}"] = _counts(colleagues_q <= level, outlier, scope)
        result[f"colleagues_honest_{level}"] = _counts(honest_q <= level, outlier, scope)
    if replicate is not None:
        if replicate.effect.size != truth.size or (replicate.is_outlier != outlier).any():
            raise ValueError(f"seed {seed}: the cached report is not this simulation's")
        y, v = replicate.effect, replicate.variance
        flagged, _sd = flag(replicate)
        result["method"] = _counts(flagged, outlier, scope)
        told_q = bayesian_q_values(true_local_fdr(y, v, cell))
        for level in LEVELS:
            result[f"told_{level}"] = _counts(told_q <= level, outlier, scope)
        result["variance_ratio"] = float(np.mean(v / variance))
        busy = decisions >= POWER_MIN_CASELOAD
        result["variance_ratio_200"] = float(np.mean(v[busy] / variance[busy]))
        result["method_error_z2"] = float(np.mean((y - truth) ** 2 / v))
        result["slope"] = float(np.polyfit(truth, y, 1)[0])
    return result


def _counts(flagged: np.ndarray, outlier: np.ndarray, scope: np.ndarray) -> dict:
    flags = int(flagged.sum())
    false = int((flagged & ~outlier).sum())
    return {"fdp": false / max(flags, 1), "found": int((flagged & scope).sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicates", type=int, default=12)
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument(
        "--with-method", action="store_true", help="fit the method too (slow; cached)"
    )
    parser.add_argument("--cache", type=Path, help="the grid bench's cache of fitted reports")
    parser.add_argument("--results", type=Path, help="folder for the table and JSON")
    args = parser.parse_args()
    base = HELD_OUT_SEED_BASE if args.held_out else TUNING_SEED_BASE
    label = "held-out" if args.held_out else "tuning"
    fitted: dict = {}
    if args.with_method:
        cache: dict = {}
        if args.cache and args.cache.exists():
            cache = pickle.loads(args.cache.read_bytes())  # noqa: S301 (the grid bench's own cache)
        fitted = fit_cells(CELLS, base, args.replicates, cache, label, args.cache)
    per_cell = {}
    for cell in CELLS:
        index = (CELLS + NULL_CELLS).index(cell)
        reports = [
            run_report(cell, base + 1000 * index + r, fitted[cell][r] if fitted else None)
            for r in range(args.replicates)
        ]
        per_cell[cell.label()] = summarise_cell(reports)
        print(cell.label(), json.dumps(per_cell[cell.label()]), file=sys.stderr, flush=True)
    overall = summarise_grid(per_cell)
    print(json.dumps(overall, indent=2))
    if args.results:
        args.results.mkdir(parents=True, exist_ok=True)
        stem = args.results / f"consistency_grid_oracle_{label}"
        stem.with_suffix(".md").write_text(markdown_table(per_cell))
        summary = {"seeds": label, "replicates": args.replicates, "summary": overall}
        stem.with_suffix(".json").write_text(
            json.dumps({**summary, "cells": per_cell}, indent=2) + "\n"
        )


def markdown_table(per_cell: dict) -> str:
    """Cells with outliers in the power target's scope: power of the oracle at levels 5% and 10%
    and, when fitted, of the method and of the Bayes rule told the truth on its odds ratios."""
    with_method = "method" in next(iter(per_cell.values()))
    header = (
        "| cell | outliers in scope | oracle 5%: power (FDR) | oracle 10%: power (FDR) "
        "| oracle not told the office effects, 5% |"
    )
    rule = "|---|---|---|---|---|"
    if with_method:
        header += (
            " method: power (FDR) | told the truth, method's odds ratios, 5% | same, 10% "
            "| variance ratio, >= 200 decisions |"
        )
        rule += "---|---|---|---|"
    lines = [header, rule]
    for label, cell in per_cell.items():
        if not cell["scope"]:
            continue
        row = f"| {label} | {cell['scope']} | {_power(cell, 'oracle_0.05')} " + (
            f"| {_power(cell, 'oracle_0.1')} | {_power(cell, 'colleagues_0.05')} |"
        )
        if with_method:
            row += (
                f" {_power(cell, 'method')} | {_power(cell, 'told_0.05')} "
                f"| {_power(cell, 'told_0.1')} | {cell['variance_ratio_200']:.2f} |"
            )
        lines.append(row)
    return "\n".join(lines) + "\n"


def _power(cell: dict, key: str) -> str:
    return f"{100 * cell[key]['found'] / cell['scope']:.0f}% ({100 * cell[key]['fdr']:.1f}%)"


def summarise_cell(reports: list[dict]) -> dict:
    scope = sum(r["scope"] for r in reports)
    out: dict = {"reports": len(reports), "scope": scope}
    for key in [k for k in reports[0] if isinstance(reports[0][k], dict)]:
        out[key] = {
            "fdr": float(np.mean([r[key]["fdp"] for r in reports])),
            "found": sum(r[key]["found"] for r in reports),
        }
    for key in [k for k in reports[0] if isinstance(reports[0][k], float)]:
        out[key] = float(np.mean([r[key] for r in reports]))
    return out


def summarise_grid(per_cell: dict) -> dict:
    cells = list(per_cell.values())
    scope = sum(c["scope"] for c in cells)
    out: dict = {"in_scope": scope}
    for key in [k for k in cells[0] if isinstance(cells[0][k], dict)]:
        fdrs = [c[key]["fdr"] for c in cells]
        out[key] = {
            "power_in_scope": sum(c[key]["found"] for c in cells) / max(scope, 1),
            "mean_fdr": float(np.mean(fdrs)),
            "cells_over_10pct": sum(f > 0.10 for f in fdrs),
        }
    for key in [k for k in cells[0] if isinstance(cells[0][k], float)]:
        out[key] = float(np.mean([c[key] for c in cells]))
    return out


if __name__ == "__main__":
    main()
