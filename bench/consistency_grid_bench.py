"""Consistency flags calibrated over a grid of conditions, then checked on held-out seeds, points.

Each replicate is fitted once (model, colleagues' references, variances); the two-group flagging
step is then re-run for every candidate setting on the stored effects, which costs nothing.
Tuning uses tuning seeds on tuning grid points only; the report uses other seeds on the same
points, grid points whose levels were never used to tune, and the scenario of the finding that
motivated the method (ordinary SD 0.25, 19 of 240 officers at odds ratio 2.5).
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy import optimize, stats  # noqa: E402

from lifeline.analytics.consistency.funnel import MIN_OUTLIER_SDS, NULL_WEIGHT  # noqa: E402
from lifeline.analytics.consistency.io import decision_rows_from_table  # noqa: E402
from lifeline.analytics.consistency.outliers import (  # noqa: E402
    CHI_SQUARE_1_MEDIAN,
    fit_two_groups,
)
from lifeline.analytics.consistency.report import (  # noqa: E402
    ConsistencyOptions,
    analyse_consistency,
)
from lifeline.analytics.consistency.simulate import (  # noqa: E402
    SIMULATION_COLUMNS,
    SimulationSpec,
    simulate_decisions,
)

# Levels of each factor: tuning points draw from the first list, held-out points from the
# second, whose values lie between (or beyond) the tuning ones and are never used to tune.
TUNING_LEVELS = {
    "sd": (0.05, 0.15, 0.25, 0.35, 0.5),
    "share": (0.0, 0.05, 0.1, 0.15),
    "odds_ratio": (1.5, 2.0, 2.5, 3.0),
    "officers": (40, 120, 240, 400),
    "caseload": ((30, 100), (100, 300), (200, 500)),
    "concentration": (0.3, 1.0, 3.0),
}
HELD_OUT_LEVELS = {
    "sd": (0.1, 0.2, 0.3, 0.45),
    "share": (0.0, 0.03, 0.08, 0.12),
    "odds_ratio": (1.75, 2.25, 2.75),
    "officers": (60, 180, 320),
    "caseload": ((50, 150), (150, 400), (300, 500)),
    "concentration": (0.5, 2.0),
}
FINDING = SimulationSpec(
    groups=8,
    adjudicators_per_group=30,
    adjudicator_sd_logit=0.25,
    outlier_count=19,
    outlier_odds_ratios=(2.5,),
)
TUNING_SEEDS = range(0, 3)
HELD_OUT_SEEDS = range(500_000, 500_004)
OPTIONS = ConsistencyOptions()
SETTING = {
    "null_weight": NULL_WEIGHT,
    "level": OPTIONS.fdr_level,
    "min_odds_ratio": OPTIONS.min_outlier_odds_ratio,
    "min_outlier_sds": MIN_OUTLIER_SDS,
    "sd_from_centre": True,
}
NULL_WEIGHTS = (1.0, 10.0, 30.0)  # 3.0 and 100.0 were tried too: see ADR 0072
LEVELS = (0.05, 0.1)
CANDIDATE_MIN_OUTLIER_SDS = (0.0, 1.5, 2.0, 2.5)


@dataclass(frozen=True)
class Replicate:
    """What the flagging step needs from one fitted replicate, and the truth."""

    effect: np.ndarray  # log odds ratio against colleagues, tested pairs
    variance: np.ndarray
    is_outlier: np.ndarray
    true_effect: np.ndarray
    ordinary_sd_realised: float


def grid_points(levels: dict, count: int, seed: int) -> list[dict]:
    """`count` distinct points of the full factorial of `levels`, drawn at random."""
    every = list(itertools.product(*levels.values()))
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(every), size=min(count, len(every)), replace=False)
    return [dict(zip(levels, every[int(i)], strict=True)) for i in chosen]


def spec_of(point: dict) -> SimulationSpec:
    officers = int(point["officers"])
    groups = max(2, round(officers / 30))
    return SimulationSpec(
        groups=groups,
        adjudicators_per_group=officers // groups,
        caseload_low=point["caseload"][0],
        caseload_high=point["caseload"][1],
        adjudicator_sd_logit=point["sd"],
        outlier_share=point["share"],
        outlier_odds_ratios=(point["odds_ratio"],),
        case_mix_concentration=point["concentration"],
    )


def fit_replicate(spec: SimulationSpec, seed: int) -> Replicate:
    simulation = simulate_decisions(spec, seed)
    rows = decision_rows_from_table(simulation.table, SIMULATION_COLUMNS)
    analysis = analyse_consistency(rows, options=ConsistencyOptions())
    funnel = analysis.funnel
    tested = funnel.is_tested
    officer = analysis.pairs.adjudicator_index[tested]
    ordinary = ~simulation.is_outlier
    return Replicate(
        effect=funnel.log_odds_ratio[tested],
        variance=funnel.variance[tested],
        is_outlier=simulation.is_outlier[officer],
        true_effect=simulation.true_log_odds_ratio[officer],
        ordinary_sd_realised=float(simulation.true_log_odds_ratio[ordinary].std())
        if ordinary.any()
        else 0.0,
    )


def previous_flags(replicate: Replicate) -> tuple[np.ndarray, float]:
    """The method before ADR 0072, for comparison: Benjamini-Hochberg at 5% on a funnel widened
    by a robustly estimated SD (median of z^2 first, then the winsorised mean of z^2 on the
    unflagged, until the flags settle)."""
    effect, variance = replicate.effect, replicate.variance
    cap = float(stats.chi2.ppf(0.9, 1))
    capped_mean = float(stats.chi2.cdf(cap, 3) + cap * 0.1)
    core = np.ones(effect.size, dtype=bool)
    flagged = np.zeros(effect.size, dtype=bool)
    sd = 0.0
    for round_number in range(20):
        ratio, noise = effect[core] ** 2, variance[core]

        def excess(
            tau: float, ratio: np.ndarray = ratio, noise: np.ndarray = noise, first: bool = False
        ) -> float:
            z_squared = ratio / (tau**2 + noise)
            if first:
                return float(np.median(z_squared)) - CHI_SQUARE_1_MEDIAN
            return float(np.mean(np.minimum(z_squared, cap))) - capped_mean

        first = round_number == 0
        sd = (
            0.0
            if excess(0.0, first=first) <= 0
            else float(optimize.brentq(excess, 0.0, 10.0, args=(ratio, noise, first)))
        )
        p_value = 2.0 * stats.norm.sf(np.abs(effect) / np.sqrt(sd**2 + variance))
        flagged = stats.false_discovery_control(p_value, method="bh") <= 0.05
        if np.array_equal(core, ~flagged):
            break
        core = ~flagged
    return flagged, sd


def flags(replicate: Replicate, setting: dict | None) -> tuple[np.ndarray, float]:
    if setting is None:
        return previous_flags(replicate)
    mixture = fit_two_groups(
        replicate.effect,
        replicate.variance,
        min_odds_ratio=setting["min_odds_ratio"],
        null_weight=setting["null_weight"],
        min_outlier_sds=setting["min_outlier_sds"],
        sd_from_centre=setting.get("sd_from_centre", True),
    )
    flagged = mixture.flags(replicate.effect, replicate.variance, setting["level"])
    return flagged, mixture.ordinary_sd_logit


def score(replicates: list[Replicate], setting: dict | None) -> dict:
    """FDR (mean false share of flags per report), share of reports with any false flag,
    power (outliers tested and flagged), mean estimated ordinary SD."""
    false_shares, any_false, outliers, found, sds, flagged = [], 0, 0, 0, [], 0
    for replicate in replicates:
        is_flagged, sd = flags(replicate, setting)
        false = int((is_flagged & ~replicate.is_outlier).sum())
        false_shares.append(false / max(int(is_flagged.sum()), 1))
        any_false += false > 0
        outliers += int(replicate.is_outlier.sum())
        found += int((is_flagged & replicate.is_outlier).sum())
        flagged += int(is_flagged.sum())
        sds.append(sd)
    return {
        "replicates": len(replicates),
        "fdr": float(np.mean(false_shares)) if false_shares else 0.0,
        "any_false": any_false / max(len(replicates), 1),
        "outliers": outliers,
        "power": found / outliers if outliers else None,
        "flagged": flagged,
        "sd_estimate": float(np.mean(sds)),
        "sd_realised": float(np.mean([r.ordinary_sd_realised for r in replicates])),
    }


def fit_all(points: list[dict], seeds: range, label: str) -> list[tuple[dict, list[Replicate]]]:
    fitted = []
    for number, point in enumerate(points, start=1):
        started = time.perf_counter()
        replicates = [fit_replicate(spec_of(point), seed) for seed in seeds]
        fitted.append((point, replicates))
        print(
            f"{label} {number}/{len(points)} {point} {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    return fitted


def describe(point: dict) -> str:
    low, high = point["caseload"]
    return (
        f"SD {point['sd']:g}, {100 * point['share']:g}% at OR {point['odds_ratio']:g}, "
        f"{point['officers']} officers, {low}-{high} cases, Dirichlet {point['concentration']:g}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=16, help="tuning grid points")
    parser.add_argument("--held-out-points", type=int, default=12)
    parser.add_argument("--finding-replicates", type=int, default=25)
    parser.add_argument("--cache", type=Path, help="keep the fitted replicates here (pickle)")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--skip-tuning", action="store_true", help="only the held-out report")
    parser.add_argument("--null-weight", type=float, action="append", help="candidates to tune")
    parser.add_argument("--level", type=float, action="append", help="candidates to tune")
    parser.add_argument("--min-outlier-sds", type=float, action="append", help="candidates")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        fitted = pickle.loads(args.cache.read_bytes())  # noqa: S301 (this script's own cache)
    else:
        tuning_points = grid_points(TUNING_LEVELS, args.points, seed=1)
        held_points = grid_points(HELD_OUT_LEVELS, args.held_out_points, seed=2)
        fitted = {
            "tuning": fit_all(tuning_points, TUNING_SEEDS, "tuning"),
            "tuning_points_held_out_seeds": fit_all(tuning_points, HELD_OUT_SEEDS, "seeds"),
            "held_out_points": fit_all(held_points, HELD_OUT_SEEDS, "held-out"),
        }
        finding_replicates = [
            fit_replicate(FINDING, seed)
            for seed in range(700_000, 700_000 + args.finding_replicates)
        ]
        finding_up = [
            fit_replicate(replace(FINDING, outlier_direction="up"), seed)
            for seed in range(800_000, 800_000 + args.finding_replicates)
        ]
        fitted["finding"] = [
            ({"name": "finding, outliers either way"}, finding_replicates),
            ({"name": "finding, all 19 grant more"}, finding_up),
        ]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(fitted))
    candidates = (
        args.null_weight or NULL_WEIGHTS,
        args.level or LEVELS,
        args.min_outlier_sds or CANDIDATE_MIN_OUTLIER_SDS,
    )
    results = {} if args.skip_tuning else tune(fitted["tuning"], candidates)
    results["setting"] = SETTING
    results["report"] = report(fitted)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")


args_verbose = True


def tune(tuning: list[tuple[dict, list[Replicate]]], grid: tuple) -> dict:
    """Every candidate setting on the tuning seeds of the tuning points: worst-point FDR and
    share of reports with a false flag, mean power."""
    candidates = []
    for null_weight, level, sds in itertools.product(*grid):
        setting = {
            "null_weight": null_weight,
            "level": level,
            "min_odds_ratio": OPTIONS.min_outlier_odds_ratio,
            "min_outlier_sds": sds,
        }
        scores = [score(replicates, setting) for _point, replicates in tuning]
        powers = [s["power"] for s in scores if s["power"] is not None]
        row = {
            **setting,
            "worst_fdr": max(s["fdr"] for s in scores),
            "mean_fdr": float(np.mean([s["fdr"] for s in scores])),
            "worst_any_false": max(s["any_false"] for s in scores),
            "mean_power": float(np.mean(powers)),
            "pooled_power": sum(s["power"] * s["outliers"] for s in scores if s["outliers"])
            / max(sum(s["outliers"] for s in scores), 1),
        }
        candidates.append(row)
        print(json.dumps({k: round(v, 4) for k, v in row.items()}), flush=True)
        if args_verbose:
            for (point, _replicates), one in zip(tuning, scores, strict=True):
                print("   ", describe(point), json.dumps(one), flush=True)
    return {"candidates": candidates}


def report(fitted: dict) -> dict:
    """The settings in the code (SETTING) on held-out seeds and points, one row per condition."""
    rows: dict[str, list] = {}
    for part in ("tuning_points_held_out_seeds", "held_out_points", "finding"):
        rows[part] = []
        for point, replicates in fitted[part]:
            row = {"condition": point.get("name") or describe(point), **score(replicates, SETTING)}
            before = score(replicates, None)
            row["previous_power"], row["previous_fdr"] = before["power"], before["fdr"]
            rows[part].append(row)
            power = "-" if row["power"] is None else f"{100 * row['power']:.0f}%"
            old = "-" if before["power"] is None else f"{100 * before['power']:.0f}%"
            print(
                f"| {part} | {row['condition']} | {row['replicates']} | {100 * row['fdr']:.1f}% | "
                f"{100 * row['any_false']:.0f}% | {power} ({row['outliers']}) | "
                f"{row['sd_estimate']:.3f} ({row['sd_realised']:.3f}) | {old}, "
                f"{100 * before['fdr']:.1f}% |",
                flush=True,
            )
    return rows


if __name__ == "__main__":
    main()
