"""Consistency flags over a grid of conditions: tuned on some seeds, reported on held-out seeds.

The grid crosses the ordinary officers' spread (SD 0.1-0.6 on the logit scale), the outliers'
odds ratio (1.5-3, either way) and their share (2-15%); every report has 240 officers in 8
offices with 50-600 decisions each and an unbalanced case mix of its own per officer (Dirichlet
0.5 over program, nationality, urgency and representation). Each replicate is fitted once (the
model, the colleagues' references, the variances) and cached; the flagging step is then re-run
on the stored odds ratios, which costs little. Reports without outliers at each SD are run
beside the grid. The tuning seeds serve to choose the method and its setting, the held-out
seeds (frozen before the tuning of ADR 0140) only to report it.
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
from scipy import stats  # noqa: E402

from lifeline.analytics.consistency.funnel import (  # noqa: E402
    MIN_OUTLIER_SDS,
    NULL_WEIGHT,
    PairDeviations,
    against_colleagues,
    flag_outliers,
)
from lifeline.analytics.consistency.io import decision_rows_from_table  # noqa: E402
from lifeline.analytics.consistency.outliers import (  # noqa: E402
    TwoGroupFit,
    bayesian_q_values,
    fit_two_groups,
)
from lifeline.analytics.consistency.report import (  # noqa: E402
    ConsistencyOptions,
    analyse_consistency,
)
from lifeline.analytics.consistency.simulate import (  # noqa: E402
    SIMULATION_COLUMNS,
    SimulationSpec,
    grid_condition,
    simulate_decisions,
)

ORDINARY_SDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
ODDS_RATIOS = (1.5, 2.0, 2.5, 3.0)
OUTLIER_SHARES = (0.02, 0.05, 0.10, 0.15)
# Replicate r of cell c uses seed base + 1000 * c + r. HELD_OUT_SEED_BASE was frozen before the
# method of ADR 0140 was tuned; the earlier held-out base (5,000,000, ADR 0125) has been looked
# at, so it now counts as tuning data.
TUNING_SEED_BASE = 0
HELD_OUT_SEED_BASE = 11_000_000
FINDING = SimulationSpec(
    groups=8,
    adjudicators_per_group=30,
    adjudicator_sd_logit=0.25,
    outlier_count=19,
    outlier_odds_ratios=(2.5,),
)
# The finding's scenario, outliers either way or all granting more: seed bases, tuning / held out
# (the held-out bases frozen with HELD_OUT_SEED_BASE; 7,500,000 and 8,500,000 were ADR 0125's).
FINDING_SEED_BASES = {"both": (7_000_000, 12_000_000), "up": (8_000_000, 12_500_000)}
# The power target's scope: outliers with OR >= 2, >= 3 ordinary SDs out, >= 200 decisions.
POWER_MIN_ODDS_RATIO = 2.0
POWER_MIN_SDS = 3.0
POWER_MIN_CASELOAD = 200
OPTIONS = ConsistencyOptions()


@dataclass(frozen=True)
class Cell:
    """One condition of the grid."""

    sd: float
    odds_ratio: float
    share: float

    def spec(self) -> SimulationSpec:
        return grid_condition(self.sd, self.odds_ratio, self.share)

    def label(self) -> str:
        return f"SD {self.sd:g}, OR {self.odds_ratio:g}, {100 * self.share:g}%"


CELLS = tuple(
    Cell(sd, ratio, share)
    for sd, ratio, share in itertools.product(ORDINARY_SDS, ODDS_RATIOS, OUTLIER_SHARES)
)
# No outliers at all, at each ordinary SD: every flag is false (seeds follow the grid's).
NULL_CELLS = tuple(Cell(sd, 1.0, 0.0) for sd in ORDINARY_SDS)


@dataclass(frozen=True)
class Replicate:
    """What the flagging step needs from one fitted report, and the truth."""

    effect: np.ndarray  # log odds ratio against colleagues, tested officers
    variance: np.ndarray
    is_outlier: np.ndarray
    in_power_scope: np.ndarray  # outlier, OR >= 2, >= 3 ordinary SDs out, >= 200 decisions
    # What a different colleagues' reference needs (every pair, tested or not); None in caches
    # written before they were kept.
    pairs: PairDeviations | None = None
    is_tested: np.ndarray | None = None
    adjudicator_sd: float | None = None
    group_sd: float | None = None
    coefficient_covariance: np.ndarray | None = None


def fit_replicate(spec: SimulationSpec, seed: int) -> Replicate:
    simulation = simulate_decisions(spec, seed)
    rows = decision_rows_from_table(simulation.table, SIMULATION_COLUMNS)
    analysis = analyse_consistency(rows, options=OPTIONS)
    funnel = analysis.funnel
    tested = funnel.is_tested
    officer = analysis.pairs.adjudicator_index[tested]
    truth = np.abs(simulation.true_log_odds_ratio[officer])
    is_outlier = simulation.is_outlier[officer]
    in_scope = (
        is_outlier
        & (truth >= np.log(POWER_MIN_ODDS_RATIO) - 1e-9)
        & (truth >= POWER_MIN_SDS * spec.adjudicator_sd_logit - 1e-9)
        & (analysis.pairs.decisions[tested] >= POWER_MIN_CASELOAD)
    )
    return Replicate(
        effect=funnel.log_odds_ratio[tested],
        variance=funnel.variance[tested],
        is_outlier=is_outlier,
        in_power_scope=in_scope,
        pairs=replace(analysis.pairs, pair_of_cell=np.zeros(0, dtype=np.int64)),
        is_tested=tested,
        adjudicator_sd=analysis.fit.adjudicator_sd_logit,
        group_sd=analysis.fit.group_sd_logit,
        coefficient_covariance=analysis.fit.coefficient_covariance,
    )


def fit_cells(
    cells: tuple[Cell, ...],
    seed_base: int,
    replicates: int,
    cache: dict,
    label: str,
    cache_path: Path | None,
) -> dict[Cell, list[Replicate]]:
    """Fit (or take from the cache) every replicate of every cell, printing progress; the cache
    is written after every cell, so an interrupted run resumes where it stopped."""
    started = time.perf_counter()
    fitted: dict[Cell, list[Replicate]] = {}
    done = 0
    total = len(cells) * replicates
    for number, cell in enumerate(cells):
        fitted[cell] = []
        for replicate in range(replicates):
            seed = seed_base + 1000 * (CELLS + NULL_CELLS).index(cell) + replicate
            if seed not in cache:
                cache[seed] = fit_replicate(cell.spec(), seed)
                done += 1
            fitted[cell].append(cache[seed])
        if cache_path and done:
            cache_path.write_bytes(pickle.dumps(cache))
        elapsed = time.perf_counter() - started
        remaining = elapsed / max(done, 1) * (total - (number + 1) * replicates) if done else 0.0
        print(
            f"{label}: cell {number + 1}/{len(cells)} ({cell.label()}), "
            f"{elapsed:.0f} s, about {remaining:.0f} s left",
            file=sys.stderr,
            flush=True,
        )
    return fitted


def restated(
    replicate: Replicate, statistic: dict, mixture: TwoGroupFit | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The tested officers' log odds ratios and variances against a colleagues' reference other
    than the stored one: weights 1 / (sd^2 + s_j^2), sd the ordinary SD of the method's two-group
    fit ("reference_sd": "ordinary") or the model's officer SD, and, with "weigh_by_chance", each
    colleague's weight multiplied by its chance of being ordinary in that fit (1 when untested);
    mixture: that fit, when already made."""
    if replicate.pairs is None or replicate.is_tested is None:
        raise ValueError("this cached report keeps no pairs; fit it again")
    tested = replicate.is_tested
    if mixture is None:
        mixture, _flags = flag_outliers(
            replicate.effect,
            replicate.variance,
            fdr_level=OPTIONS.fdr_level,
            min_outlier_odds_ratio=OPTIONS.min_outlier_odds_ratio,
        )
    chance = None
    if statistic.get("weigh_by_chance"):
        chance = np.ones(tested.size)
        chance[tested] = mixture.local_fdr
    sd = (
        mixture.ordinary_sd_logit
        if statistic.get("reference_sd") == "ordinary"
        else float(replicate.adjudicator_sd)
    )
    effect, variance, _reference, _reference_variance = against_colleagues(
        replicate.pairs, sd, float(replicate.group_sd), replicate.coefficient_covariance, chance
    )
    return effect[tested], variance[tested]


def flag(replicate: Replicate) -> tuple[np.ndarray, float]:
    """The code's own flags on a stored replicate, and its estimated ordinary SD."""
    mixture, flagged = flag_outliers(
        replicate.effect,
        replicate.variance,
        fdr_level=OPTIONS.fdr_level,
        min_outlier_odds_ratio=OPTIONS.min_outlier_odds_ratio,
    )
    return flagged, mixture.ordinary_sd_logit


def score(replicates: list[Replicate]) -> dict:
    """FDR (mean false share of flags per report, 0 when none), share of reports with a false
    flag, power in the target's scope and over all outliers, mean estimated ordinary SD."""
    false_shares, any_false, sds = [], 0, []
    scope = scope_found = outliers = found = 0
    for replicate in replicates:
        flagged, sd = flag(replicate)
        false = int((flagged & ~replicate.is_outlier).sum())
        false_shares.append(false / max(int(flagged.sum()), 1))
        any_false += false > 0
        scope += int(replicate.in_power_scope.sum())
        scope_found += int((flagged & replicate.in_power_scope).sum())
        outliers += int(replicate.is_outlier.sum())
        found += int((flagged & replicate.is_outlier).sum())
        sds.append(sd)
    return {
        "replicates": len(replicates),
        "fdr": float(np.mean(false_shares)),
        **fdr_uncertainty(np.asarray(false_shares)),
        "any_false": any_false / len(replicates),
        "in_scope": scope,
        "in_scope_found": scope_found,
        "power_in_scope": scope_found / scope if scope else None,
        "outliers": outliers,
        "power_all": found / outliers if outliers else None,
        "sd_estimate": float(np.mean(sds)),
    }


def fdr_uncertainty(false_shares: np.ndarray) -> dict:
    """Standard error of a cell's FDR (the mean of its reports' false shares) and a 95% bootstrap
    percentile interval over its reports (resampled 2,000 times, fixed seed)."""
    count = false_shares.size
    if count < 2:
        return {"fdr_se": None, "fdr_low": None, "fdr_high": None}
    draws = np.random.default_rng(0).integers(0, count, (2000, count))
    means = false_shares[draws].mean(axis=1)
    return {
        "fdr_se": float(false_shares.std(ddof=1) / np.sqrt(count)),
        "fdr_low": float(np.quantile(means, 0.025)),
        "fdr_high": float(np.quantile(means, 0.975)),
    }


def truth_told_power(cell: Cell, replicates: list[Replicate]) -> float | None:
    """Power in scope of the Bayes rule told the true spread, share and odds ratio (q <= the
    level): what no method estimating them from the data can beat on average."""
    scope = found = 0
    for replicate in replicates:
        y, v = replicate.effect, replicate.variance
        log_odds = np.log(cell.odds_ratio)
        ordinary = (1 - cell.share) * stats.norm.pdf(y, 0.0, np.sqrt(cell.sd**2 + v))
        outlier = (
            0.5
            * cell.share
            * (stats.norm.pdf(y, log_odds, np.sqrt(v)) + stats.norm.pdf(y, -log_odds, np.sqrt(v)))
        )
        flagged = bayesian_q_values(ordinary / (ordinary + outlier)) <= OPTIONS.fdr_level
        scope += int(replicate.in_power_scope.sum())
        found += int((flagged & replicate.in_power_scope).sum())
    return found / scope if scope else None


def summarise(scores: dict[Cell, dict]) -> dict:
    fdrs = [s["fdr"] for s in scores.values()]
    scope = sum(s["in_scope"] for s in scores.values())
    worst = max(scores, key=lambda cell: scores[cell]["fdr"])
    return {
        "mean_fdr": float(np.mean(fdrs)),
        "worst_fdr": max(fdrs),
        "worst_cell": worst.label(),
        "cells_over_10pct": sum(f > 0.10 for f in fdrs),
        "cells_whose_interval_lies_over_10pct": sum(
            (s["fdr_low"] or 0.0) > 0.10 for s in scores.values()
        ),
        "largest_fdr_se": max(s["fdr_se"] or 0.0 for s in scores.values()),
        "power_in_scope": sum(s["in_scope_found"] for s in scores.values()) / max(scope, 1),
        "in_scope": scope,
        "truth_told_power_in_scope": sum(
            s["truth_told_power"] * s["in_scope"] for s in scores.values() if s["in_scope"]
        )
        / max(scope, 1),
    }


def current_setting() -> dict:
    return {
        "ordinary_sd": "central likelihood, gate one standard error high (ADR 0140)",
        "null_weight": NULL_WEIGHT,
        "level": OPTIONS.fdr_level,
        "min_odds_ratio": OPTIONS.min_outlier_odds_ratio,
        "min_outlier_sds": MIN_OUTLIER_SDS,
    }


# The candidates of ADR 0265, each a statistic (a colleagues' reference and the two-group fit of
# the odds ratios against it) flagged at every level of TUNING_LEVELS, with the gate's ordinary SD
# one standard error high (ADR 0140) or at its estimate.
STATISTICS = {
    "ADR 0140": {},
    "reference weighted by the ordinary SD": {"reference": True, "reference_sd": "ordinary"},
    "reference of the likely ordinary colleagues": {
        "reference": True,
        "reference_sd": "ordinary",
        "weigh_by_chance": True,
    },
    "ADR 0140, central interval 1.5 SDs": {"central_half_width_sds": 1.5},
    "ADR 0140, central likelihood of the two groups": {"central_two_groups": True},
}
TUNING_LEVELS = (0.05, 0.06, 0.075, 0.1)


def candidate_flags(
    replicate: Replicate, statistic: dict, method_fit: TwoGroupFit
) -> dict[tuple[float, bool], np.ndarray]:
    """One statistic's flags on a stored report at every tuning level, the gate's SD one standard
    error high (True) or at its estimate (False); the two-group model is fitted once.
    method_fit: the method's own two-group fit of the stored odds ratios."""
    effect, variance = replicate.effect, replicate.variance
    if statistic.get("reference"):
        effect, variance = restated(replicate, statistic, method_fit)
    mixture = fit_two_groups(
        effect,
        variance,
        min_odds_ratio=OPTIONS.min_outlier_odds_ratio,
        null_weight=NULL_WEIGHT,
        min_outlier_sds=MIN_OUTLIER_SDS,
        central_half_width_sds=statistic.get("central_half_width_sds", 2.0),
        central_two_groups=statistic.get("central_two_groups", False),
    )
    flags = {}
    for with_error in (True, False):
        sd = mixture.ordinary_sd_logit + (mixture.ordinary_sd_standard_error if with_error else 0)
        p_value = 2.0 * stats.norm.sf(
            np.abs(effect - mixture.ordinary_centre_logit) / np.sqrt(sd**2 + variance)
        )
        adjusted = stats.false_discovery_control(p_value) if p_value.size else p_value
        for level in TUNING_LEVELS:
            gate_passes = bool((adjusted <= level).any())
            flags[level, with_error] = (mixture.q_value <= level) & gate_passes
    return flags


def tune(fitted: dict[Cell, list[Replicate]], null: dict[Cell, list[Replicate]]) -> list[dict]:
    """Every candidate statistic at every tuning level and gate: mean FDR over the cells, cells
    above 10% and the worst, power in scope, and the reports without outliers flagging anyone."""
    tallies: dict = {}
    for cell, replicates in {**fitted, **null}.items():
        for replicate in replicates:
            method_fit, _flags = flag_outliers(
                replicate.effect,
                replicate.variance,
                fdr_level=OPTIONS.fdr_level,
                min_outlier_odds_ratio=OPTIONS.min_outlier_odds_ratio,
            )
            for name, statistic in STATISTICS.items():
                flags = candidate_flags(replicate, statistic, method_fit)
                for key, flagged in flags.items():
                    false = int((flagged & ~replicate.is_outlier).sum())
                    tally = tallies.setdefault((name, *key), {}).setdefault(cell, [])
                    tally.append(
                        (
                            false / max(int(flagged.sum()), 1),
                            int(replicate.in_power_scope.sum()),
                            int((flagged & replicate.in_power_scope).sum()),
                        )
                    )
        print(f"tuned: {cell.label()}", file=sys.stderr, flush=True)
    rows = []
    for (name, level, with_error), per_cell in tallies.items():
        fdr = {cell: float(np.mean([t[0] for t in per_cell[cell]])) for cell in fitted}
        worst = max(fdr, key=lambda cell: fdr[cell])
        scope = sum(t[1] for cell in fitted for t in per_cell[cell])
        rows.append(
            {
                "statistic": name,
                "level": level,
                "gate": "one standard error high" if with_error else "at the estimate",
                "mean_fdr": float(np.mean(list(fdr.values()))),
                "cells_over_10pct": sum(f > 0.10 for f in fdr.values()),
                "worst_fdr": fdr[worst],
                "worst_cell": worst.label(),
                "power_in_scope": sum(t[2] for cell in fitted for t in per_cell[cell])
                / max(scope, 1),
                "in_scope": scope,
                "no_outliers_flagging_anyone": {
                    f"SD {cell.sd:g}": float(np.mean([t[0] > 0 for t in per_cell[cell]]))
                    for cell in null
                },
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    return rows


def percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f}%"


def markdown_table(scores: dict[Cell, dict]) -> str:
    lines = [
        "| ordinary SD | odds ratio | outlier share | reports | FDR | its SE | 95% interval "
        "| reports with a false flag | power in scope (outliers) | same, Bayes rule told the truth "
        "| power, all outliers | estimated SD |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for cell, s in scores.items():
        scope = "-" if s["power_in_scope"] is None else f"{100 * s['power_in_scope']:.0f}%"
        every = "-" if s["power_all"] is None else f"{100 * s['power_all']:.0f}%"
        told = "-" if s["truth_told_power"] is None else f"{100 * s['truth_told_power']:.0f}%"
        lines.append(
            f"| {cell.sd:g} | {cell.odds_ratio:g} | {100 * cell.share:g}% | {s['replicates']} "
            f"| {100 * s['fdr']:.1f}% | {percent(s['fdr_se'])} "
            f"| {percent(s['fdr_low'])}-{percent(s['fdr_high'])} "
            f"| {100 * s['any_false']:.0f}% | {scope} ({s['in_scope']}) "
            f"| {told} | {every} ({s['outliers']}) | {s['sd_estimate']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def null_table(scores: dict[Cell, dict]) -> str:
    """Reports without outliers: every flag is false, so the FDR is the share flagging anyone."""
    lines = [
        "| ordinary SD, no outliers | reports | reports flagging anyone | estimated SD |",
        "|---|---|---|---|",
    ]
    for cell, s in scores.items():
        lines.append(
            f"| {cell.sd:g} | {s['replicates']} | {100 * s['any_false']:.0f}% "
            f"| {s['sd_estimate']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def draw_grid(scores: dict[Cell, dict], path: Path, label: str) -> None:
    """FDR and power in scope per cell: one panel per outlier share, SD across, OR as lines."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(13, 6.5), dpi=100)
    canvas = FigureCanvasAgg(figure)
    axes = figure.subplots(2, len(OUTLIER_SHARES), sharex=True, sharey="row")
    for column, share in enumerate(OUTLIER_SHARES):
        for ratio in ODDS_RATIOS:
            cells = [Cell(sd, ratio, share) for sd in ORDINARY_SDS]
            fdr = [100 * scores[cell]["fdr"] for cell in cells]
            power = [
                np.nan if scores[c]["power_in_scope"] is None else 100 * scores[c]["power_in_scope"]
                for c in cells
            ]
            error = [100 * (scores[cell]["fdr_se"] or 0.0) for cell in cells]
            axes[0, column].errorbar(
                ORDINARY_SDS, fdr, yerr=error, marker="o", capsize=2, label=f"OR {ratio:g}"
            )
            axes[1, column].plot(ORDINARY_SDS, power, marker="o", label=f"OR {ratio:g}")
        axes[0, column].axhline(5, color="grey", linestyle="--", linewidth=0.8)
        axes[0, column].axhline(10, color="red", linestyle=":", linewidth=0.8)
        axes[1, column].axhline(80, color="grey", linestyle="--", linewidth=0.8)
        axes[0, column].set_title(f"{100 * share:g}% outliers")
        axes[1, column].set_xlabel("ordinary SD (logit)")
    axes[0, 0].set_ylabel("false-discovery rate (%)\nbars: one standard error")
    axes[1, 0].set_ylabel("power in scope (%)\nOR >= 2, >= 3 SD, >= 200 cases")
    axes[0, 0].set_ylim(-1, 30)
    axes[1, 0].set_ylim(-3, 103)
    axes[1, -1].legend(loc="lower left", fontsize=8)
    figure.suptitle(f"Consistency flags over the grid, {label} seeds")
    figure.tight_layout()
    canvas.print_png(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicates", type=int, default=4, help="reports per cell")
    parser.add_argument("--held-out", action="store_true", help="report on the held-out seeds")
    parser.add_argument("--finding-replicates", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="keep fitted replicates here (pickle)")
    parser.add_argument("--results", type=Path, help="folder for the table, plot and JSON")
    parser.add_argument(
        "--tune", action="store_true", help="score the candidates of ADR 0265, nothing else"
    )
    parser.add_argument(
        "--fit-only", action="store_true", help="fit and cache the reports, score nothing"
    )
    args = parser.parse_args()
    cache: dict = {}
    if args.cache and args.cache.exists():
        cache = pickle.loads(args.cache.read_bytes())  # noqa: S301 (this script's own cache)
    base = HELD_OUT_SEED_BASE if args.held_out else TUNING_SEED_BASE
    label = "held-out" if args.held_out else "tuning"
    fitted = fit_cells(CELLS, base, args.replicates, cache, label, args.cache)
    null = fit_cells(NULL_CELLS, base, args.replicates, cache, label, args.cache)
    finding = {}
    for direction, (tuning_base, held_out_base) in FINDING_SEED_BASES.items():
        spec = replace(FINDING, outlier_direction=direction)
        finding[direction] = []
        for replicate in range(args.finding_replicates):
            seed = (held_out_base if args.held_out else tuning_base) + replicate
            if seed not in cache:
                cache[seed] = fit_replicate(spec, seed)
            finding[direction].append(cache[seed])
    if args.cache:
        args.cache.write_bytes(pickle.dumps(cache))
    if args.fit_only:
        return
    if args.tune:
        tune(fitted, null)
        return
    scores = {
        cell: {**score(replicates), "truth_told_power": truth_told_power(cell, replicates)}
        for cell, replicates in fitted.items()
    }
    summary = summarise(scores)
    null_scores = {cell: score(replicates) for cell, replicates in null.items()}
    finding_scores = {d: score(reps) for d, reps in finding.items() if reps}
    print(markdown_table(scores))
    print(null_table(null_scores))
    print(json.dumps({"seeds": label, **summary}, indent=2))
    for direction, s in finding_scores.items():
        print(f"finding ({direction}):", json.dumps(s))
    if args.results:
        args.results.mkdir(parents=True, exist_ok=True)
        stem = f"consistency_grid_{label}"
        (args.results / f"{stem}.md").write_text(
            markdown_table(scores) + "\n" + null_table(null_scores)
        )
        (args.results / f"{stem}.json").write_text(
            json.dumps(
                {
                    "seeds": label,
                    "setting": current_setting(),
                    "summary": summary,
                    "finding": finding_scores,
                    "no_outliers": [{"cell": c.label(), **s} for c, s in null_scores.items()],
                    "cells": [{"cell": c.label(), **s} for c, s in scores.items()],
                },
                indent=2,
            )
            + "\n"
        )
        draw_grid(scores, args.results / f"{stem}.png", label)


if __name__ == "__main__":
    main()
