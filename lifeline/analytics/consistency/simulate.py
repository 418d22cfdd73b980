"""Simulated case-level decisions with known adjudicator effects, for calibration and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from scipy import special

from lifeline.analytics.consistency.io import DecisionColumns

# Case-mix covariates and their true log-odds effects (first level is the baseline).
CASE_MIX_EFFECTS: dict[str, dict[str, float]] = {
    "program": {"u4u": 0.0, "chnv": -0.4, "frp": 0.6, "general": -1.2},
    "nationality": {"ua": 0.0, "cu": -0.3, "ht": -0.8, "ni": -0.5, "ve": 0.2, "af": 0.9},
    "urgency": {"routine": 0.0, "expedite": 0.5, "emergency": 1.0},
    "represented": {"no": 0.0, "yes": 1.1},
}
BASELINE_LOG_ODDS = -0.3
SIMULATION_COLUMNS = DecisionColumns(
    group=("office",),
    adjudicator="officer",
    outcome="granted",
    covariates=tuple(CASE_MIX_EFFECTS),
)


@dataclass(frozen=True)
class SimulationSpec:
    """Offices and officers; outliers have |log OR| drawn from outlier_odds_ratios."""

    groups: int = 8
    adjudicators_per_group: int = 25
    caseload_low: int = 200
    caseload_high: int = 600
    adjudicator_sd_logit: float = 0.15
    group_sd_logit: float = 0.5
    outlier_share: float = 0.1
    outlier_odds_ratios: tuple[float, ...] = (2.0, 2.5, 3.0)
    case_mix_concentration: float = 1.0
    outlier_count: int | None = None  # exactly this many outliers instead of a share
    outlier_direction: str = "both"  # "both" (either way at random) or "up" (higher grant odds)


def grid_condition(sd: float, odds_ratio: float, share: float) -> SimulationSpec:
    """One condition of the calibration grid: 8 offices of 30 officers, 50-600 decisions each,
    an unbalanced case mix (Dirichlet 0.5), ordinary SD `sd`, a `share` of outliers at
    `odds_ratio` either way."""
    return SimulationSpec(
        groups=8,
        adjudicators_per_group=30,
        caseload_low=50,
        caseload_high=600,
        adjudicator_sd_logit=sd,
        outlier_share=share,
        outlier_odds_ratios=(odds_ratio,),
        case_mix_concentration=0.5,
    )


@dataclass(frozen=True)
class SimulatedDecisions:
    """Case-level decisions plus the truth about every officer."""

    table: pa.Table
    adjudicator_labels: list[str]
    true_log_odds_ratio: np.ndarray  # against the office's typical officer
    is_outlier: np.ndarray


def simulate_decisions(spec: SimulationSpec, seed: int) -> SimulatedDecisions:
    """Draw offices, officers (some outliers), officer-specific case mix and decisions."""
    rng = np.random.default_rng(seed)
    count = spec.groups * spec.adjudicators_per_group
    office = np.repeat(np.arange(spec.groups), spec.adjudicators_per_group)
    effect = rng.normal(0.0, spec.adjudicator_sd_logit, count)
    is_outlier = rng.random(count) < spec.outlier_share
    if spec.outlier_count is not None:
        is_outlier = np.zeros(count, dtype=bool)
        is_outlier[rng.choice(count, spec.outlier_count, replace=False)] = True
    outlier_size = np.log(rng.choice(spec.outlier_odds_ratios, count))
    sign = rng.choice((-1.0, 1.0), count) if spec.outlier_direction == "both" else 1.0
    effect[is_outlier] = (outlier_size * sign)[is_outlier]
    office_effect = rng.normal(0.0, spec.group_sd_logit, spec.groups)
    caseload = rng.integers(spec.caseload_low, spec.caseload_high + 1, count)
    officer = np.repeat(np.arange(count), caseload)
    eta = BASELINE_LOG_ODDS + office_effect[office[officer]] + effect[officer]
    columns: dict[str, Any] = {
        "office": _labels("office", office[officer]),
        "officer": _labels("officer", officer),
    }
    for name, effects in CASE_MIX_EFFECTS.items():
        levels = np.asarray(list(effects))
        shares = rng.dirichlet(np.full(levels.size, spec.case_mix_concentration), count)
        level = _draw_levels(rng, shares, officer)
        eta += np.asarray(list(effects.values()))[level]
        columns[name] = pa.array(levels[level]).dictionary_encode()
    columns["granted"] = (rng.random(officer.size) < special.expit(eta)).astype(np.int8)
    return SimulatedDecisions(
        table=pa.table(columns),
        adjudicator_labels=[f"officer-{i:05d}" for i in range(count)],
        true_log_odds_ratio=effect,
        is_outlier=is_outlier,
    )


def _labels(prefix: str, codes: np.ndarray) -> pa.DictionaryArray:
    dictionary = pa.array([f"{prefix}-{i:05d}" for i in range(int(codes.max()) + 1)])
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), dictionary)


def _draw_levels(rng: np.random.Generator, shares: np.ndarray, officer: np.ndarray) -> np.ndarray:
    """One level per case from its officer's own case-mix shares."""
    cumulative = np.cumsum(shares, axis=1)
    draws = rng.random(officer.size)
    level = np.zeros(officer.size, dtype=np.int64)
    for column in range(shares.shape[1] - 1):
        level += draws > cumulative[officer, column]
    return level


@dataclass(frozen=True)
class Calibration:
    """Operating characteristics of the flags and intervals against the simulated truth.

    Sums over replicates; the false-discovery rate is the mean over replicates of the share of
    flags that are false (zero when nothing is flagged), as Benjamini and Hochberg define it.
    """

    replicates: int
    flagged: int
    false_flags: int
    false_discovery_proportions: float
    outliers_in_scope: int
    outliers_in_scope_flagged: int
    intervals: int
    intervals_covering: int

    @classmethod
    def none(cls) -> Calibration:
        """The sum of no replicates, to add replicates to."""
        return cls(0, 0, 0, 0.0, 0, 0, 0, 0)

    @property
    def false_discovery_rate(self) -> float:
        return self.false_discovery_proportions / max(self.replicates, 1)

    @property
    def pooled_false_flag_share(self) -> float:
        return self.false_flags / max(self.flagged, 1)

    @property
    def power(self) -> float:
        return self.outliers_in_scope_flagged / max(self.outliers_in_scope, 1)

    @property
    def coverage(self) -> float:
        return self.intervals_covering / max(self.intervals, 1)

    def __add__(self, other: Calibration) -> Calibration:
        return Calibration(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__)
        )


def score_calibration(
    simulation: SimulatedDecisions,
    adjudicators: list[dict[str, Any]],
    *,
    min_odds_ratio: float = 2.0,
    min_caseload: int = 200,
) -> Calibration:
    """One replicate: false flags, flagged outliers (OR >= 2, 200+ cases), covering intervals."""
    index = {label: i for i, label in enumerate(simulation.adjudicator_labels)}
    flagged = false_flags = in_scope = in_scope_flagged = intervals = covering = 0
    for entry in adjudicators:
        i = index[entry["adjudicator"]]
        truth = float(np.exp(simulation.true_log_odds_ratio[i]))
        is_outlier = bool(simulation.is_outlier[i])
        if entry["flagged"]:
            flagged += 1
            false_flags += not is_outlier
        big_enough = max(truth, 1 / truth) >= min_odds_ratio - 1e-9
        if is_outlier and big_enough and entry["decisions"] >= min_caseload and entry["tested"]:
            in_scope += 1
            in_scope_flagged += entry["flagged"]
        if entry["tested"]:
            intervals += 1
            covering += entry["ci_low"] <= truth <= entry["ci_high"]
    return Calibration(
        replicates=1,
        flagged=flagged,
        false_flags=false_flags,
        false_discovery_proportions=false_flags / max(flagged, 1),
        outliers_in_scope=in_scope,
        outliers_in_scope_flagged=in_scope_flagged,
        intervals=intervals,
        intervals_covering=covering,
    )
