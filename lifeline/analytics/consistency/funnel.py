"""Per-adjudicator odds ratios against colleagues, and outlier flags on a random-effects funnel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from lifeline.analytics.consistency.cells import DecisionCells
from lifeline.analytics.consistency.design import ModelDesign
from lifeline.analytics.consistency.model import ModelFit
from lifeline.analytics.consistency.outliers import TwoGroupFit, fit_two_groups

_NEWTON_STEPS = 60
# Pseudo-count on the ordinary share of the two-group model (calibrated: ADRs 0072, 0125).
NULL_WEIGHT = 10.0
# Outliers are sought at least this many ordinary SDs from the centre (calibrated: ADRs 0072, 0125).
MIN_OUTLIER_SDS = 2.0


@dataclass(frozen=True)
class PairDeviations:
    """One entry per (group, adjudicator) pair with decisions."""

    group_index: np.ndarray
    adjudicator_index: np.ndarray
    decisions: np.ndarray
    grants: np.ndarray
    log_odds_deviation: np.ndarray  # d: against the model's fixed part
    standard_error: np.ndarray  # s
    pair_of_cell: np.ndarray
    design_mean: np.ndarray  # pairs x coefficients: information-weighted mean design row


@dataclass(frozen=True)
class FunnelResult:
    """Odds ratios against the group, their intervals, and the outlier test."""

    log_odds_ratio: np.ndarray
    variance: np.ndarray  # of the log odds ratio: sampling, reference and case mix
    reference_variance: np.ndarray
    expected_grants: np.ndarray
    interval_low: np.ndarray
    interval_high: np.ndarray
    z_score: np.ndarray
    p_value: np.ndarray  # NaN where not tested
    q_value: np.ndarray  # NaN where not tested
    is_flagged: np.ndarray
    is_tested: np.ndarray
    flagging_sd_logit: float  # the estimated spread of ordinary adjudicators
    outlier_probability: np.ndarray  # NaN where not tested
    shrunken_log_odds_ratio: np.ndarray  # posterior mean; NaN where not tested
    ordinary_share: float


def estimate_pair_deviations(
    cells: DecisionCells, design: ModelDesign, fit: ModelFit
) -> PairDeviations:
    """Case-mix-adjusted log-odds deviation d of each pair from the model's fixed part, and its SE.

    Solves sum n*expit(eta + d) + expit(mean eta + d) = grants + 1/2 by Newton's method: one
    extra half-granted decision (Anscombe) keeps 0% and 100% finite and, for a single cell,
    gives the familiar variance 1/(grants + 1/2) + 1/(refusals + 1/2).
    """
    adjudicator_count = len(cells.adjudicator_labels)
    pair_key = cells.group_index * adjudicator_count + cells.adjudicator_index
    keys, pair_of_cell = np.unique(pair_key, return_inverse=True)
    pair_of_cell = pair_of_cell.reshape(-1)
    pairs = keys.size
    decisions = np.bincount(pair_of_cell, weights=cells.decisions, minlength=pairs)
    grants = np.bincount(pair_of_cell, weights=cells.grants, minlength=pairs)
    eta = fit.fixed_linear_predictor
    mean_eta = np.bincount(pair_of_cell, weights=cells.decisions * eta, minlength=pairs) / decisions
    deviation = special.logit((grants + 0.5) / (decisions + 1.0)) - mean_eta
    for _step in range(_NEWTON_STEPS):
        cell_mean = special.expit(eta + deviation[pair_of_cell])
        pseudo_mean = special.expit(mean_eta + deviation)
        expected = np.bincount(pair_of_cell, weights=cells.decisions * cell_mean, minlength=pairs)
        information = np.bincount(
            pair_of_cell, weights=cells.decisions * cell_mean * (1 - cell_mean), minlength=pairs
        ) + pseudo_mean * (1 - pseudo_mean)
        step = (grants + 0.5 - expected - pseudo_mean) / information
        deviation += np.clip(step, -2.0, 2.0)
        if np.abs(step).max() < 1e-10:
            break
    # Information weights, kept positive where a rate of 0% or 100% saturates the logistic curve.
    weight = cells.decisions * np.maximum(cell_mean * (1 - cell_mean), 1e-12)
    return PairDeviations(
        design_mean=design.weighted_row_sums(pair_of_cell, pairs, weight)
        / np.bincount(pair_of_cell, weights=weight, minlength=pairs)[:, None],
        group_index=keys // adjudicator_count,
        adjudicator_index=keys % adjudicator_count,
        decisions=decisions,
        grants=grants,
        log_odds_deviation=deviation,
        standard_error=1.0 / np.sqrt(information),
        pair_of_cell=pair_of_cell,
    )


def _leave_one_out_reference(
    pairs: PairDeviations, sd: float, group_sd: float, ordinary_chance: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's colleagues' precision-weighted deviation (shrunk to 0), its variance, and the
    matching weighted mean of the colleagues' design rows. With ordinary_chance, each colleague's
    weight is also multiplied by its chance of being ordinary."""
    weight = 1.0 / (sd**2 + pairs.standard_error**2)
    if ordinary_chance is not None:
        weight = weight * ordinary_chance
    groups = pairs.group_index
    total_weight = np.bincount(groups, weights=weight)[groups]
    total = np.bincount(groups, weights=weight * pairs.log_odds_deviation)[groups]
    rows = np.zeros((int(groups.max()) + 1, pairs.design_mean.shape[1]))
    np.add.at(rows, groups, weight[:, None] * pairs.design_mean)
    prior_precision = 1.0 / group_sd**2 if group_sd > 0 else 0.0
    precision = total_weight - weight + prior_precision
    others = precision > 1e-12
    reference = np.zeros_like(weight)
    variance = np.full_like(weight, np.inf)
    reference_rows = np.zeros_like(pairs.design_mean)
    reference[others] = (total - weight * pairs.log_odds_deviation)[others] / precision[others]
    variance[others] = 1.0 / precision[others]
    reference_rows[others] = (rows[groups] - weight[:, None] * pairs.design_mean)[others] / (
        precision[others, None]
    )
    return reference, variance, reference_rows


def against_colleagues(
    pairs: PairDeviations,
    sd: float,
    group_sd: float,
    coefficient_covariance: np.ndarray,
    ordinary_chance: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's log odds ratio against its colleagues' leave-one-out reference, its variance
    (sampling, reference and case mix), the reference and the reference's variance."""
    reference, reference_variance, reference_rows = _leave_one_out_reference(
        pairs, sd, group_sd, ordinary_chance
    )
    log_odds_ratio = pairs.log_odds_deviation - reference
    contrast = pairs.design_mean - reference_rows
    case_mix_variance = np.einsum("ij,jk,ik->i", contrast, coefficient_covariance, contrast)
    variance = pairs.standard_error**2 + reference_variance + case_mix_variance
    return log_odds_ratio, variance, reference, reference_variance


def assess_pairs(
    pairs: PairDeviations,
    cells: DecisionCells,
    fit: ModelFit,
    *,
    min_caseload: int,
    fdr_level: float,
    interval_level: float,
    min_outlier_odds_ratio: float,
) -> FunnelResult:
    """Odds ratios against colleagues with intervals; flags from a two-group model of the spread.

    Within a group, the colleagues' deviations give each pair a leave-one-out reference u (a
    precision-weighted mean, weights from the model's adjudicator SD, shrunk towards the
    model's group distribution); the log odds ratio against the group is d - u, with variance
    s^2 + var(u) for the interval. The variances also carry the uncertainty of the case-mix
    coefficients through the difference between the pair's case mix and its colleagues'.
    The tested pairs' log odds ratios are then modelled as a mixture of ordinary adjudicators,
    N(0, tau^2 + variance) with tau estimated, and outliers at odds ratios at or beyond
    min_outlier_odds_ratio (outliers.py); a pair is flagged when the mean chance of being
    ordinary among it and everyone more extreme (its q-value) is at most fdr_level. z and p
    are against the estimated ordinary spread alone, for reading. Only pairs with the minimum
    caseload and a colleague are tested.
    """
    pairs_per_group = np.bincount(pairs.group_index)
    is_tested = (pairs.decisions >= min_caseload) & (pairs_per_group[pairs.group_index] >= 2)
    adjudicator_sd = fit.adjudicator_sd_logit
    log_odds_ratio, variance, reference, reference_variance = against_colleagues(
        pairs, adjudicator_sd, fit.group_sd_logit, fit.coefficient_covariance
    )
    mixture, flags = flag_outliers(
        log_odds_ratio[is_tested],
        variance[is_tested],
        fdr_level=fdr_level,
        min_outlier_odds_ratio=min_outlier_odds_ratio,
    )
    sd = mixture.ordinary_sd_logit
    z = (log_odds_ratio - mixture.ordinary_centre_logit) / np.sqrt(sd**2 + variance)
    p_value = np.full(z.size, np.nan)
    q_value = np.full(z.size, np.nan)
    outlier_probability = np.full(z.size, np.nan)
    shrunken = np.full(z.size, np.nan)
    p_value[is_tested] = 2.0 * stats.norm.sf(np.abs(z[is_tested]))
    q_value[is_tested] = mixture.q_value
    outlier_probability[is_tested] = 1.0 - mixture.local_fdr
    shrunken[is_tested] = mixture.posterior_mean
    is_flagged = np.zeros(z.size, dtype=bool)
    is_flagged[is_tested] = flags
    half_width = stats.norm.ppf(0.5 + interval_level / 2) * np.sqrt(variance)
    cell_reference = fit.fixed_linear_predictor + reference[pairs.pair_of_cell]
    expected_grants = np.bincount(
        pairs.pair_of_cell,
        weights=cells.decisions * special.expit(cell_reference),
        minlength=pairs.decisions.size,
    )
    return FunnelResult(
        log_odds_ratio=log_odds_ratio,
        variance=variance,
        reference_variance=reference_variance,
        expected_grants=expected_grants,
        interval_low=log_odds_ratio - half_width,
        interval_high=log_odds_ratio + half_width,
        z_score=z,
        p_value=p_value,
        q_value=q_value,
        is_flagged=is_flagged,
        is_tested=is_tested,
        flagging_sd_logit=sd,
        outlier_probability=outlier_probability,
        shrunken_log_odds_ratio=shrunken,
        ordinary_share=mixture.ordinary_share,
    )


def flag_outliers(
    effect: np.ndarray, variance: np.ndarray, *, fdr_level: float, min_outlier_odds_ratio: float
) -> tuple[TwoGroupFit, np.ndarray]:
    """The two-group fit of the tested log odds ratios and the flags it gives at fdr_level."""
    mixture = fit_two_groups(
        effect,
        variance,
        min_odds_ratio=min_outlier_odds_ratio,
        null_weight=NULL_WEIGHT,
        min_outlier_sds=MIN_OUTLIER_SDS,
    )
    return mixture, mixture.flags(effect, variance, fdr_level)


def plain_binomial_p_values(pairs: PairDeviations) -> np.ndarray:
    """Two-sided exact binomial test of each pair against its colleagues' pooled raw rate."""
    groups = pairs.group_index
    others_decisions = np.bincount(groups, weights=pairs.decisions)[groups] - pairs.decisions
    others_grants = np.bincount(groups, weights=pairs.grants)[groups] - pairs.grants
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.clip(others_grants / others_decisions, 1e-12, 1 - 1e-12)
    lower = stats.binom.cdf(pairs.grants, pairs.decisions, rate)
    upper = stats.binom.sf(pairs.grants - 1, pairs.decisions, rate)
    p_value = np.minimum(1.0, 2.0 * np.minimum(lower, upper))
    return np.where(others_decisions > 0, p_value, np.nan)


def count_plain_binomial_flags(p_value: np.ndarray, is_tested: np.ndarray, fdr_level: float) -> int:
    """How many tested pairs a naive binomial test would flag at the same FDR level."""
    tested = p_value[is_tested & np.isfinite(p_value)]
    if tested.size == 0:
        return 0
    return int((stats.false_discovery_control(tested, method="bh") <= fdr_level).sum())
