"""Two-group empirical Bayes: ordinary adjudicators N(m, tau^2), outliers beyond a threshold."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

# Outlier effects live on a fine grid of odds ratios from the practical threshold up to this one,
# both directions; their weights are estimated (a nonparametric maximum likelihood over the grid).
LARGEST_OUTLIER_ODDS_RATIO = 200.0
OUTLIER_GRID_POINTS = 30  # per direction, evenly spaced on the log scale
MAX_ORDINARY_SD = 5.0
CHI_SQUARE_1_MEDIAN = float(stats.chi2.ppf(0.5, 1))
# The central adjudicators whose likelihood gives the ordinary SD: those within this many of their
# own SDs (sqrt(tau^2 + v_i)) of the centre, the interval set from the previous estimate of tau.
CENTRAL_HALF_WIDTH = 2.0
CENTRAL_ROUNDS = 2
_EM_TOLERANCE = 1e-6  # on the largest change of a share or of the centre
_EM_MAX_ITERATIONS = 3000


@dataclass(frozen=True)
class TwoGroupFit:
    """The fitted mixture and, per adjudicator, the chance of being ordinary (local fdr)."""

    ordinary_centre_logit: float
    ordinary_sd_logit: float
    ordinary_sd_standard_error: float  # from the curvature of the central likelihood
    ordinary_share: float
    outlier_log_odds: np.ndarray  # support of the outlier component
    outlier_weights: np.ndarray  # its weights (summing to 1 - ordinary_share)
    local_fdr: np.ndarray  # per adjudicator: posterior probability of being ordinary
    q_value: np.ndarray  # per adjudicator: mean local fdr of everyone at least as extreme
    posterior_mean: np.ndarray  # shrunken log odds ratio
    iterations: int

    def gate_p_values(self, effect: np.ndarray, variance: np.ndarray) -> np.ndarray:
        """Two-sided p-values against the ordinary distribution alone, its SD taken one standard
        error above the estimate."""
        sd = self.ordinary_sd_logit + self.ordinary_sd_standard_error
        tail: np.ndarray = stats.norm.sf(
            np.abs(effect - self.ordinary_centre_logit) / np.sqrt(sd**2 + variance)
        )
        return 2.0 * tail

    def flags(self, effect: np.ndarray, variance: np.ndarray, level: float) -> np.ndarray:
        """q <= level, once the Simes test at the same level rejects "everyone is ordinary".

        The gate keeps a report of ordinary adjudicators only free of flags with probability
        1 - level: the mixture alone, fitted to noise in the tails, flags someone too often.
        Its p-values take the ordinary SD one standard error high, so that a report whose SD
        came out low by chance does not make a lone ordinary adjudicator in the tail look out
        of line (ADR 0140).
        """
        flagged = self.q_value <= level
        p_value = self.gate_p_values(effect, variance)
        if p_value.size == 0 or not (stats.false_discovery_control(p_value) <= level).any():
            return np.zeros(effect.size, dtype=bool)
        return flagged


def _normal_density(x: np.ndarray, variance: np.ndarray) -> np.ndarray:
    density: np.ndarray = np.exp(-0.5 * x**2 / variance) / np.sqrt(2.0 * math.pi * variance)
    return density


def outlier_support(min_odds_ratio: float) -> np.ndarray:
    """Log odds ratios of the outlier grid, from the threshold up, both directions."""
    largest = max(LARGEST_OUTLIER_ODDS_RATIO, min_odds_ratio)
    magnitudes = np.log(np.geomspace(min_odds_ratio, largest, OUTLIER_GRID_POINTS))
    return np.concatenate([-magnitudes[::-1], magnitudes])


def central_sd(effect: np.ndarray, variance: np.ndarray, ordinary_share: float = 1.0) -> float:
    """The SD at which the (ordinary_share / 2)-quantile of effect^2 / (sd^2 + variance) is the
    chi-square(1) median: Efron's central matching, told that only ordinary_share of the
    adjudicators are ordinary. Outliers sit in the tails, above that quantile, so they cannot
    drag it, and once their share is known they no longer inflate the spread either."""
    quantile = 0.5 * min(max(ordinary_share, 0.0), 1.0)

    def excess(sd: float) -> float:
        z_squared = effect**2 / (sd**2 + variance)
        return float(np.quantile(z_squared, quantile)) - CHI_SQUARE_1_MEDIAN

    if excess(0.0) <= 0.0:
        return 0.0
    if excess(MAX_ORDINARY_SD) >= 0.0:
        return MAX_ORDINARY_SD
    return float(optimize.brentq(excess, 0.0, MAX_ORDINARY_SD, xtol=1e-7))


def central_likelihood_sd(
    offset: np.ndarray,
    variance: np.ndarray,
    start_sd: float,
    half_width_sds: float = CENTRAL_HALF_WIDTH,
) -> tuple[float, float]:
    """The ordinary SD by maximum likelihood on the central adjudicators, and its standard error.

    Central: within half_width_sds x sqrt(sd^2 + v_i) of the centre, sd the previous
    estimate; each central offset is a normal N(0, tau^2 + v_i) truncated to its own interval,
    which is held while tau is fitted (Efron's truncated maximum likelihood for the empirical
    null, 2007, with each adjudicator's own variance). Outliers lie mostly outside the interval
    and leave the estimate alone, as with central matching, but every central adjudicator counts,
    not only the one at the median: the estimate varies less from report to report (ADR 0140).
    The standard error is from the curvature of the truncated likelihood at its maximum.
    """
    return _fit_on_central(
        offset, variance, start_sd, half_width_sds, _truncated_negative_log_likelihood
    )


def central_two_group_sd(
    offset: np.ndarray,
    variance: np.ndarray,
    start_sd: float,
    support: np.ndarray,
    shares: np.ndarray,
    half_width_sds: float = CENTRAL_HALF_WIDTH,
) -> tuple[float, float]:
    """As central_likelihood_sd, but each central offset's likelihood is the two-group mixture
    truncated to its interval: ordinary N(0, tau^2 + v_i) with share shares[0], outliers at the
    support with the other shares (held at a first fit's), so that outliers inside the interval
    are not all read as ordinary spread (a candidate of ADR 0265, not the method)."""
    return _fit_on_central(
        offset,
        variance,
        start_sd,
        half_width_sds,
        lambda central, central_variance, half_width: _truncated_two_group_negative_log_likelihood(
            central, central_variance, half_width, support, shares
        ),
    )


def _fit_on_central(
    offset: np.ndarray,
    variance: np.ndarray,
    start_sd: float,
    half_width_sds: float,
    likelihood_of: Callable[[np.ndarray, np.ndarray, np.ndarray], Callable[[float], float]],
) -> tuple[float, float]:
    """The SD maximising `likelihood_of(central offsets, variances, half widths)`, the central
    interval refitted each round from the last SD, and its standard error from the curvature."""
    sd = start_sd
    for _round in range(CENTRAL_ROUNDS):
        half_width = half_width_sds * np.sqrt(sd**2 + variance)
        inside = np.abs(offset) <= half_width
        if inside.sum() < 3:
            return sd, sd
        negative_log_likelihood = likelihood_of(
            offset[inside], variance[inside], half_width[inside]
        )
        sd = float(
            optimize.minimize_scalar(
                negative_log_likelihood,
                bounds=(0.0, MAX_ORDINARY_SD),
                method="bounded",
                options={"xatol": 1e-5},
            ).x
        )
    step = max(0.01 * sd, 1e-3)
    at = max(sd, 2.0 * step)
    curvature = (
        negative_log_likelihood(at + step)
        - 2.0 * negative_log_likelihood(at)
        + negative_log_likelihood(at - step)
    ) / step**2
    return sd, (1.0 / math.sqrt(curvature) if curvature > 0 else sd)


def _truncated_two_group_negative_log_likelihood(
    offset: np.ndarray,
    variance: np.ndarray,
    half_width: np.ndarray,
    support: np.ndarray,
    shares: np.ndarray,
) -> Callable[[float], float]:
    spread = np.sqrt(variance)[:, None]
    outlier_density = (
        _normal_density(offset[:, None] - support[None, :], variance[:, None]) @ shares[1:]
    )
    outlier_inside = (
        stats.norm.cdf((half_width[:, None] - support[None, :]) / spread)
        - stats.norm.cdf((-half_width[:, None] - support[None, :]) / spread)
    ) @ shares[1:]

    def negative_log_likelihood(sd: float) -> float:
        total = sd**2 + variance
        ordinary_density = shares[0] * _normal_density(offset, total)
        ordinary_inside = shares[0] * (2.0 * stats.norm.cdf(half_width / np.sqrt(total)) - 1.0)
        return float(
            -np.sum(
                np.log(ordinary_density + outlier_density)
                - np.log(ordinary_inside + outlier_inside)
            )
        )

    return negative_log_likelihood


def _truncated_negative_log_likelihood(
    offset: np.ndarray, variance: np.ndarray, half_width: np.ndarray
) -> Callable[[float], float]:
    def negative_log_likelihood(sd: float) -> float:
        total_sd = np.sqrt(sd**2 + variance)
        inside_chance = 2.0 * stats.norm.cdf(half_width / total_sd) - 1.0
        return float(
            np.sum(0.5 * (offset / total_sd) ** 2 + np.log(total_sd) + np.log(inside_chance))
        )

    return negative_log_likelihood


def fit_two_groups(
    effect: np.ndarray,
    variance: np.ndarray,
    *,
    min_odds_ratio: float,
    null_weight: float,
    min_outlier_sds: float = 0.0,
    central_half_width_sds: float = CENTRAL_HALF_WIDTH,
    central_two_groups: bool = False,
) -> TwoGroupFit:
    """Fit effect_i ~ pi0 N(m, tau^2 + v_i) + sum_k pi_k N(m + mu_k, v_i) in two passes.

    First pass: tau by central matching on everyone, then the centre and the weights by EM.
    Second pass: tau by central matching told the first pass's ordinary share (the outliers
    inflated the first tau), refined by the likelihood of the central adjudicators alone
    (central_likelihood_sd), then the centre and the weights by EM with that tau.
    With central_two_groups, the central likelihood is the first pass's mixture truncated to
    each interval (central_two_group_sd), a candidate of ADR 0265.
    tau is never the mixture's own maximum likelihood: that shrinks it to fit noise in the
    normal's tails and flags ordinary adjudicators (ADR 0072); and one correction, not a loop,
    keeps a smaller tau from buying a smaller ordinary share from buying a smaller tau (ADR 0125).
    The mu_k are the outlier grid at or beyond min_odds_ratio and at least min_outlier_sds x tau
    from the centre. null_weight is a Dirichlet pseudo-count on pi0 (as in Stephens' adaptive
    shrinkage): it takes evidence, not noise in the tails, to give the outliers weight.
    """
    support = outlier_support(min_odds_ratio)
    if effect.size == 0:
        empty = np.zeros(0)
        return TwoGroupFit(
            0.0, 0.0, 0.0, 1.0, support, np.zeros(support.size), empty, empty, empty, 0
        )
    centre = float(np.median(effect))
    first = _fit_weights(
        effect,
        variance,
        centre,
        central_sd(effect - centre, variance),
        support,
        null_weight=null_weight,
        min_outlier_sds=min_outlier_sds,
    )
    centre, _sd, shares, first_iterations = first
    start_sd = central_sd(effect - centre, variance, ordinary_share=float(shares[0]))
    if central_two_groups:
        sd, sd_error = central_two_group_sd(
            effect - centre, variance, start_sd, support, shares, central_half_width_sds
        )
    else:
        sd, sd_error = central_likelihood_sd(
            effect - centre, variance, start_sd, central_half_width_sds
        )
    centre, sd, shares, iterations = _fit_weights(
        effect,
        variance,
        centre,
        sd,
        support,
        null_weight=null_weight,
        min_outlier_sds=min_outlier_sds,
    )
    responsibility = _responsibilities(effect, variance, centre, sd, support, shares)
    local_fdr = responsibility[:, 0]
    shrink = sd**2 / (sd**2 + variance)
    posterior_mean = (
        centre + local_fdr * shrink * (effect - centre) + responsibility[:, 1:] @ support
    )
    return TwoGroupFit(
        ordinary_centre_logit=centre,
        ordinary_sd_logit=sd,
        ordinary_sd_standard_error=sd_error,
        ordinary_share=float(shares[0]),
        outlier_log_odds=support,
        outlier_weights=shares[1:],
        local_fdr=local_fdr,
        q_value=bayesian_q_values(local_fdr),
        posterior_mean=posterior_mean,
        iterations=first_iterations + iterations,
    )


def _fit_weights(
    effect: np.ndarray,
    variance: np.ndarray,
    centre: float,
    sd: float,
    support: np.ndarray,
    *,
    null_weight: float,
    min_outlier_sds: float,
) -> tuple[float, float, np.ndarray, int]:
    """EM for the centre and the component weights, tau held at sd."""
    shares = np.concatenate([[0.9], np.full(support.size, 0.1 / support.size)])
    # Outliers sit beyond the ordinary spread: grid points inside min_outlier_sds x tau
    # would only imitate the normal's tails.
    too_close = np.abs(support) < min_outlier_sds * sd
    iterations = 0
    while True:
        iterations += 1
        responsibility = _responsibilities(effect, variance, centre, sd, support, shares)
        totals = responsibility.sum(axis=0)
        totals[0] += null_weight - 1.0
        totals[1:][too_close] = 0.0
        precision = responsibility[:, 0] / (sd**2 + variance)
        new_centre = float(precision @ effect / max(precision.sum(), 1e-300))
        new_shares = np.maximum(totals, 0.0) / max(totals.sum(), 1e-300)
        change = max(float(np.abs(new_shares - shares).max()), abs(new_centre - centre))
        shares, centre = new_shares, new_centre
        if change < _EM_TOLERANCE or iterations >= _EM_MAX_ITERATIONS:
            return centre, sd, shares, iterations


def _responsibilities(
    effect: np.ndarray,
    variance: np.ndarray,
    centre: float,
    sd: float,
    support: np.ndarray,
    shares: np.ndarray,
) -> np.ndarray:
    """Posterior probability of each component (ordinary first, then the outlier grid)."""
    offset = effect - centre
    joint = (
        np.column_stack(
            [
                _normal_density(offset, sd**2 + variance),
                _normal_density(offset[:, None] - support[None, :], variance[:, None]),
            ]
        )
        * shares
    )
    posterior: np.ndarray = joint / np.maximum(joint.sum(axis=1), 1e-300)[:, None]
    return posterior


def bayesian_q_values(local_fdr: np.ndarray) -> np.ndarray:
    """Per adjudicator, the mean local fdr of everyone at least as likely an outlier: flagging
    all with q <= alpha keeps the expected share of ordinary adjudicators among flags <= alpha."""
    order = np.argsort(local_fdr, kind="stable")
    running = np.cumsum(local_fdr[order]) / np.arange(1, local_fdr.size + 1)
    q_value = np.empty_like(local_fdr)
    q_value[order] = running
    return q_value
