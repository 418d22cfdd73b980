"""The oracle bound of the consistency grid: what flags could find if they knew the simulation's
truth (office effects, ordinary SD, outlier share and odds ratio); the grid's bench compares the
method with it."""

from __future__ import annotations

from typing import Protocol

import numpy as np
from scipy import special, stats

from lifeline.analytics.consistency.simulate import (
    BASELINE_LOG_ODDS,
    CASE_MIX_EFFECTS,
    SimulatedDecisions,
    SimulationSpec,
)


class TwoGroupPrior(Protocol):
    """The simulation's prior on officers: ordinary ones N(0, sd^2), a `share` of outliers at
    +/- log(odds_ratio)."""

    @property
    def sd(self) -> float: ...

    @property
    def odds_ratio(self) -> float: ...

    @property
    def share(self) -> float: ...


def known_offset(simulation: SimulatedDecisions, office_effect: np.ndarray) -> np.ndarray:
    """Each decision's true log odds without the officer's own effect."""
    table = simulation.table
    office = np.asarray(table["office"].combine_chunks().indices)
    eta = BASELINE_LOG_ODDS + office_effect[office]
    for name, effects in CASE_MIX_EFFECTS.items():
        column = table[name].combine_chunks()
        values = np.asarray([effects[level.as_py()] for level in column.dictionary])
        eta = eta + values[np.asarray(column.indices)]
    return eta


def true_office_effects(spec: SimulationSpec, seed: int) -> np.ndarray:
    """The office effects the simulation drew (replaying its random draws in order)."""
    rng = np.random.default_rng(seed)
    count = spec.groups * spec.adjudicators_per_group
    rng.normal(0.0, spec.adjudicator_sd_logit, count)
    rng.random(count)
    if spec.outlier_count is not None:
        rng.choice(count, spec.outlier_count, replace=False)
    rng.choice(spec.outlier_odds_ratios, count)
    if spec.outlier_direction == "both":
        rng.choice((-1.0, 1.0), count)
    return rng.normal(0.0, spec.group_sd_logit, spec.groups)


def oracle_statistic(
    simulation: SimulatedDecisions, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per officer: MLE of its effect with the offset known (Anscombe's half decision added, as
    the method does), its variance, and its decisions."""
    officer = np.asarray(simulation.table["officer"].combine_chunks().indices)
    granted = np.asarray(simulation.table["granted"], dtype=float)
    count = simulation.true_log_odds_ratio.size
    decisions = np.bincount(officer, minlength=count).astype(float)
    grants = np.bincount(officer, weights=granted, minlength=count)
    mean_offset = np.bincount(officer, weights=offset, minlength=count) / decisions
    effect = special.logit((grants + 0.5) / (decisions + 1.0)) - mean_offset
    for _step in range(50):
        mean = special.expit(offset + effect[officer])
        pseudo = special.expit(mean_offset + effect)
        expected = np.bincount(officer, weights=mean, minlength=count)
        information = np.bincount(officer, weights=mean * (1 - mean), minlength=count)
        information += pseudo * (1 - pseudo)
        step = (grants + 0.5 - expected - pseudo) / information
        effect += np.clip(step, -2.0, 2.0)
        if np.abs(step).max() < 1e-10:
            break
    return effect, 1.0 / information, decisions


def against_colleagues(
    deviation: np.ndarray, variance: np.ndarray, office: np.ndarray, cell: TwoGroupPrior
) -> tuple[np.ndarray, np.ndarray]:
    """Each officer's effect against the colleagues' leave-one-out precision-weighted mean, the
    weights from the true ordinary SD, and its variance: the oracle not told the office effects,
    which must then be learnt from the office's other officers, as any method must."""
    weight = 1.0 / (cell.sd**2 + variance)
    total_weight = np.bincount(office, weights=weight)[office] - weight
    total = np.bincount(office, weights=weight * deviation)[office] - weight * deviation
    return deviation - total / total_weight, variance + 1.0 / total_weight


def honest_colleagues_variance(
    variance: np.ndarray,
    office: np.ndarray,
    true_effect: np.ndarray,
    is_outlier: np.ndarray,
    cell: TwoGroupPrior,
) -> np.ndarray:
    """The variance of an officer's effect against the colleagues' leave-one-out mean of
    against_colleagues, counting each colleague's actual spread about the office's typical
    officer (sd^2 + v_j if ordinary, its own effect squared + v_j if an outlier) where
    against_colleagues counts every colleague as ordinary."""
    weight = 1.0 / (cell.sd**2 + variance)
    spread = np.where(is_outlier, true_effect**2, cell.sd**2) + variance
    total_weight = np.bincount(office, weights=weight)[office] - weight
    squares = np.bincount(office, weights=weight**2 * spread)[office] - weight**2 * spread
    return np.asarray(variance + squares / total_weight**2)


def true_local_fdr(effect: np.ndarray, variance: np.ndarray, cell: TwoGroupPrior) -> np.ndarray:
    """Posterior chance of being ordinary under the simulation's own two-group prior."""
    log_odds = np.log(cell.odds_ratio)
    ordinary = (1 - cell.share) * stats.norm.pdf(effect, 0.0, np.sqrt(cell.sd**2 + variance))
    outlier = (
        0.5
        * cell.share
        * (
            stats.norm.pdf(effect, log_odds, np.sqrt(variance))
            + stats.norm.pdf(effect, -log_odds, np.sqrt(variance))
        )
    )
    return np.asarray(ordinary / (ordinary + outlier))
