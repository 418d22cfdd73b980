"""Run the consistency analysis on validated decisions and shape its JSON report."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import special

from lifeline.analytics.consistency.cells import DecisionCells, aggregate_cells
from lifeline.analytics.consistency.design import build_design
from lifeline.analytics.consistency.funnel import (
    FunnelResult,
    PairDeviations,
    assess_pairs,
    count_plain_binomial_flags,
    estimate_pair_deviations,
    plain_binomial_p_values,
)
from lifeline.analytics.consistency.io import DecisionRows
from lifeline.analytics.consistency.model import ModelFit, fit_hierarchical_model
from lifeline.analytics.errors import DecisionTableInvalid

GAO_PERCENTILE_Z = 1.645  # 5th and 95th percentiles of a normal distribution
ROULETTE_RELATIVE_DEVIATION = 0.5
# Groups and case-mix levels share one dense block of the model (cubic cost in its size).
MAX_GROUP_AND_CASE_MIX_EFFECTS = 3000

METHOD = (
    "Hierarchical logistic model grant ~ case mix + (1 | group) + (1 | adjudicator), crossed "
    "random intercepts, fitted by maximising the Laplace-approximated likelihood (fixed effects "
    "integrated out) over decisions collapsed into binomial cells. Spread: GAO-18-37 gap between "
    "the 5th- and 95th-percentile adjudicator for the average case. Per adjudicator: case-mix-"
    "adjusted odds ratio against the colleagues in the group (leave-one-out reference) with a "
    "Wald interval. Flags: an empirical-Bayes two-group model of these odds ratios, ordinary "
    "adjudicators spread N(0, tau^2) with tau estimated from the data, outliers at odds ratios "
    "of at least the practical threshold either way; flagged when the mean posterior chance of "
    "being ordinary among the adjudicator and all more extreme ones (q) is at most the FDR "
    "level. Refugee Roulette rule: raw rate differs from the group's pooled rate by more than "
    "50% of it."
)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ConsistencyOptions:
    """Tuning of the analysis; defaults follow Refugee Roulette (50 cases) and common practice."""

    min_caseload: int = 50
    fdr_level: float = 0.05
    interval_level: float = 0.9
    min_outlier_odds_ratio: float = 1.5


@dataclass(frozen=True)
class ConsistencyAnalysis:
    """Everything the report and the funnel plot are drawn from."""

    cells: DecisionCells
    fit: ModelFit
    pairs: PairDeviations
    funnel: FunnelResult
    group_grant_rate: np.ndarray  # per pair: the group's pooled raw rate
    deviates_over_50pct: np.ndarray
    plain_binomial_flagged: int
    options: ConsistencyOptions
    fit_seconds: float

    @property
    def p5_p95_spread_points(self) -> float:
        centre, sd = self.fit.typical_case_logit, self.fit.adjudicator_sd_logit
        high = special.expit(centre + GAO_PERCENTILE_Z * sd)
        return float(100.0 * (high - special.expit(centre - GAO_PERCENTILE_Z * sd)))

    @property
    def share_deviating_over_50pct(self) -> float | None:
        tested = int(self.funnel.is_tested.sum())
        return float(self.deviates_over_50pct.sum() / tested) if tested else None


def analyse_consistency(
    rows: DecisionRows, *, options: ConsistencyOptions, progress: Progress | None = None
) -> ConsistencyAnalysis:
    """Collapse rows into cells, fit the model, then test every (group, adjudicator) pair."""
    notify = progress or (lambda _message: None)
    cells = aggregate_cells(rows)
    if len(cells.adjudicator_labels) < 2:
        raise DecisionTableInvalid(
            "the table has decisions by only one adjudicator; nothing to compare"
        )
    notify(
        f"{cells.source_rows:,} rows, {int(cells.decisions.sum()):,} decisions in "
        f"{cells.cell_count:,} cells; {len(cells.group_labels):,} groups, "
        f"{len(cells.adjudicator_labels):,} adjudicators"
    )
    started = time.perf_counter()
    design = build_design(cells)
    dense_effects = design.fixed_count + len(cells.group_labels)
    if dense_effects > MAX_GROUP_AND_CASE_MIX_EFFECTS:
        raise DecisionTableInvalid(
            f"{len(cells.group_labels):,} groups and {design.fixed_count - 1:,} case-mix levels "
            f"are too many (at most {MAX_GROUP_AND_CASE_MIX_EFFECTS:,} together): use coarser "
            "groups or fewer covariate levels"
        )
    fit = fit_hierarchical_model(design, interval_level=options.interval_level, progress=progress)
    fit_seconds = time.perf_counter() - started
    notify(f"model fitted in {fit_seconds:.1f} s; testing adjudicators")
    pairs = estimate_pair_deviations(cells, design, fit)
    funnel = assess_pairs(
        pairs,
        cells,
        fit,
        min_caseload=options.min_caseload,
        fdr_level=options.fdr_level,
        interval_level=options.interval_level,
        min_outlier_odds_ratio=options.min_outlier_odds_ratio,
    )
    groups = pairs.group_index
    group_rate = (
        np.bincount(groups, weights=pairs.grants) / np.bincount(groups, weights=pairs.decisions)
    )[groups]
    rate = pairs.grants / pairs.decisions
    deviates = funnel.is_tested & (
        np.abs(rate - group_rate) > ROULETTE_RELATIVE_DEVIATION * group_rate
    )
    plain_flags = count_plain_binomial_flags(
        plain_binomial_p_values(pairs), funnel.is_tested, options.fdr_level
    )
    return ConsistencyAnalysis(
        cells=cells,
        fit=fit,
        pairs=pairs,
        funnel=funnel,
        group_grant_rate=group_rate,
        deviates_over_50pct=deviates,
        plain_binomial_flagged=plain_flags,
        options=options,
        fit_seconds=fit_seconds,
    )


def _number(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")


def _ratio(log_value: float) -> float:
    return math.exp(min(max(log_value, -700.0), 700.0))


def _formula(cells: DecisionCells) -> str:
    terms = ["1", *cells.covariate_names]
    random_terms = ["(1 | adjudicator)"]
    if len(cells.group_labels) > 1:
        random_terms.insert(0, "(1 | group)")
    return f"grant ~ {' + '.join(terms)} + {' + '.join(random_terms)}"


def build_report(analysis: ConsistencyAnalysis) -> dict[str, Any]:
    """The JSON-ready report: headline measures, model details, groups and adjudicators."""
    fit, cells, funnel = analysis.fit, analysis.cells, analysis.funnel
    interval = fit.adjudicator_sd_interval
    return {
        "method": METHOD,
        "formula": _formula(cells),
        "adjudicator_sd_logit": _number(fit.adjudicator_sd_logit),
        "adjudicator_sd_interval": [_number(bound) for bound in interval] if interval else None,
        "p5_p95_spread_points": _number(analysis.p5_p95_spread_points),
        "share_deviating_over_50pct": _number(analysis.share_deviating_over_50pct),
        "group_sd_logit": _number(fit.group_sd_logit),
        "typical_case_logit": _number(fit.typical_case_logit),
        "typical_case_grant_rate": _number(float(special.expit(fit.typical_case_logit))),
        "ordinary_sd_logit": _number(funnel.flagging_sd_logit),
        "ordinary_share": _number(funnel.ordinary_share),
        "settings": {
            "min_caseload": analysis.options.min_caseload,
            "fdr_level": analysis.options.fdr_level,
            "interval_level": analysis.options.interval_level,
            "min_outlier_odds_ratio": analysis.options.min_outlier_odds_ratio,
        },
        "summary": _summary(analysis),
        "fit": {
            "evaluations": fit.evaluations,
            "converged": fit.is_converged,
            "seconds": round(analysis.fit_seconds, 3),
            "negative_log_likelihood": _number(fit.negative_log_likelihood, 12),
        },
        "fixed_effects": [
            {"term": name, "log_odds": _number(float(value))}
            for name, value in zip(fit.fixed_names, fit.coefficients, strict=True)
        ],
        "groups": _group_entries(analysis),
        "adjudicators": _adjudicator_entries(analysis),
    }


def _summary(analysis: ConsistencyAnalysis) -> dict[str, int]:
    cells, funnel = analysis.cells, analysis.funnel
    return {
        "source_rows": cells.source_rows,
        "decisions": int(cells.decisions.sum()),
        "cells": cells.cell_count,
        "groups": len(cells.group_labels),
        "adjudicators": len(cells.adjudicator_labels),
        "pairs": int(analysis.pairs.decisions.size),
        "pairs_tested": int(funnel.is_tested.sum()),
        "flagged": int(funnel.is_flagged.sum()),
        "deviating_over_50pct": int(analysis.deviates_over_50pct.sum()),
        "plain_binomial_flagged": analysis.plain_binomial_flagged,
    }


def _group_entries(analysis: ConsistencyAnalysis) -> list[dict[str, Any]]:
    pairs, cells = analysis.pairs, analysis.cells
    rate = pairs.grants / pairs.decisions
    entries = []
    for group, label in enumerate(cells.group_labels):
        members = pairs.group_index == group
        large = members & (pairs.decisions >= analysis.options.min_caseload)
        decisions = float(pairs.decisions[members].sum())
        entries.append(
            {
                "group": label,
                "decisions": int(decisions),
                "adjudicators": int(members.sum()),
                "grant_rate": _number(float(pairs.grants[members].sum()) / decisions),
                "lowest_grant_rate": _number(float(rate[large].min())) if large.any() else None,
                "highest_grant_rate": _number(float(rate[large].max())) if large.any() else None,
                "effect_logit": _number(float(analysis.fit.group_effects[group]))
                if len(cells.group_labels) > 1
                else 0.0,
            }
        )
    return sorted(entries, key=lambda entry: entry["group"])


def outlier_ranks(outlier_probability: np.ndarray, is_tested: np.ndarray) -> np.ndarray:
    """Rank of each tested pair by its chance of being an outlier, 1 the likeliest (ties share
    the better rank); 0 where not tested."""
    rank = np.zeros(outlier_probability.size, dtype=np.int64)
    tested = np.flatnonzero(is_tested)
    local_fdr = 1.0 - outlier_probability[tested]
    rank[tested] = np.searchsorted(np.sort(local_fdr), local_fdr, side="left") + 1
    return rank


def _adjudicator_entries(analysis: ConsistencyAnalysis) -> list[dict[str, Any]]:
    pairs, cells, funnel = analysis.pairs, analysis.cells, analysis.funnel
    rank = outlier_ranks(funnel.outlier_probability, funnel.is_tested)
    entries = []
    for i in range(pairs.decisions.size):
        decisions = float(pairs.decisions[i])
        entries.append(
            {
                "group": cells.group_labels[pairs.group_index[i]],
                "adjudicator": cells.adjudicator_labels[pairs.adjudicator_index[i]],
                "decisions": int(decisions),
                "grants": int(pairs.grants[i]),
                "grant_rate": _number(float(pairs.grants[i]) / decisions),
                "group_grant_rate": _number(float(analysis.group_grant_rate[i])),
                "expected_rate": _number(float(funnel.expected_grants[i]) / decisions),
                "odds_ratio": _number(_ratio(float(funnel.log_odds_ratio[i]))),
                "ci_low": _number(_ratio(float(funnel.interval_low[i]))),
                "ci_high": _number(_ratio(float(funnel.interval_high[i]))),
                "z_score": _number(float(funnel.z_score[i])),
                "p_value": _number(float(funnel.p_value[i])),
                "q_value": _number(float(funnel.q_value[i])),
                "outlier_probability": _number(float(funnel.outlier_probability[i])),
                "local_fdr": _number(1.0 - float(funnel.outlier_probability[i])),
                "rank": int(rank[i]) if funnel.is_tested[i] else None,
                "shrunken_odds_ratio": _number(
                    _ratio(float(funnel.shrunken_log_odds_ratio[i]))
                    if funnel.is_tested[i]
                    else math.nan
                ),
                "tested": bool(funnel.is_tested[i]),
                "flagged": bool(funnel.is_flagged[i]),
                "why": _why(analysis, i) if funnel.is_flagged[i] else None,
                "deviates_over_50pct": bool(analysis.deviates_over_50pct[i]),
            }
        )
    return sorted(entries, key=lambda entry: (entry["group"], entry["adjudicator"]))


def _why(analysis: ConsistencyAnalysis, i: int) -> str:
    """Why a pair is flagged, in one sentence."""
    funnel = analysis.funnel
    level = round(100 * analysis.options.interval_level)
    sd = funnel.flagging_sd_logit
    return (
        f"odds of a grant {_ratio(float(funnel.log_odds_ratio[i])):.2f} times the colleagues' "
        f"on comparable cases ({level}% interval {_ratio(float(funnel.interval_low[i])):.2f}-"
        f"{_ratio(float(funnel.interval_high[i])):.2f}); ordinary officers spread with SD "
        f"{sd:.2f} on the log-odds scale (odds ratios {math.exp(-1.96 * sd):.2f}-"
        f"{math.exp(1.96 * sd):.2f} for 95% of them), so the chance that this is an ordinary "
        f"officer is {100 * (1 - funnel.outlier_probability[i]):.1f}% (q {funnel.q_value[i]:.3f} "
        f"<= {analysis.options.fdr_level:g})"
    )


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write the report as UTF-8 JSON (no NaN: missing values are null)."""
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
