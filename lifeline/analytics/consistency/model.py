"""Hierarchical logistic model, crossed random intercepts for group and adjudicator, by Laplace."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import linalg, optimize, special, stats
from threadpoolctl import threadpool_limits

from lifeline.analytics.consistency.design import FactorBlock, ModelDesign

# A N(0, 10^2) prior on case-mix coefficients: irrelevant for estimable effects, but it keeps
# a level whose decisions were all grants (or all refusals) finite instead of diverging.
COEFFICIENT_PRIOR_PRECISION = 1e-2
LOG_SD_BOUNDS = (math.log(1e-3), math.log(20.0))
_START_LOG_SD = math.log(0.5)
_NEWTON_TOLERANCE = 1e-8
_NEWTON_MAX_STEPS = 100
_SINGLE_THREAD_MAX_COLUMNS = 512

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ModelFit:
    """Estimates of the hierarchical model at the maximum of its Laplace-approximated likelihood."""

    coefficients: np.ndarray
    fixed_names: list[str]
    group_sd_logit: float
    adjudicator_sd_logit: float
    adjudicator_sd_interval: tuple[float, float] | None
    group_effects: np.ndarray
    fixed_linear_predictor: np.ndarray
    coefficient_covariance: np.ndarray
    typical_case_logit: float
    negative_log_likelihood: float
    evaluations: int
    is_converged: bool


class _LaplaceObjective:
    """Minus the Laplace-approximated log marginal likelihood as a function of log SDs.

    Fixed effects and group effects form a small block r; adjudicator effects v have a
    diagonal precision block, eliminated by a Schur complement so that any number of
    adjudicators costs linear time. Each call warm-starts Newton's method from the last mode.
    """

    def __init__(self, design: ModelDesign) -> None:
        self.design = design
        self.has_groups = design.group_count > 1
        codes, sizes = list(design.factor_codes), list(design.factor_sizes)
        if self.has_groups:
            codes.append(design.group_index)
            sizes.append(design.group_count)
        self.block = FactorBlock(codes, sizes)
        self.fixed_count = design.fixed_count
        self.r_count = self.block.columns
        overall = design.grants.sum() / design.decisions.sum()
        self.r_state = np.zeros(self.r_count)
        self.r_state[0] = special.logit(np.clip(overall, 1e-6, 1 - 1e-6))
        self.v_state = np.zeros(design.adjudicator_count)
        self.evaluations = 0

    def split(self, log_sds: np.ndarray) -> tuple[float, float]:
        """(group variance, adjudicator variance) from the optimiser's vector."""
        adjudicator_variance = math.exp(2 * log_sds[-1])
        group_variance = math.exp(2 * log_sds[0]) if self.has_groups else 0.0
        return group_variance, adjudicator_variance

    def _r_precision(self, group_variance: float) -> np.ndarray:
        precision = np.full(self.r_count, COEFFICIENT_PRIOR_PRECISION)
        precision[0] = 0.0
        if self.has_groups:
            precision[self.fixed_count :] = 1.0 / group_variance
        return precision

    def _penalised_log_likelihood(
        self, r: np.ndarray, v: np.ndarray, r_precision: np.ndarray, v_precision: float
    ) -> float:
        eta = self.block.times(r) + v[self.design.adjudicator_index]
        data = float(self.design.grants @ eta - self.design.decisions @ np.logaddexp(0.0, eta))
        return data - 0.5 * float(r_precision @ r**2) - 0.5 * v_precision * float(v @ v)

    def mode(self, log_sds: np.ndarray) -> tuple[float, float]:
        """Move the state to the joint mode; return (penalised log-likelihood, log det Hessian)."""
        group_variance, adjudicator_variance = self.split(log_sds)
        r_precision = self._r_precision(group_variance)
        v_precision = 1.0 / adjudicator_variance
        adjudicators = self.design.adjudicator_index
        count = self.design.adjudicator_count
        r, v = self.r_state, self.v_state
        current = self._penalised_log_likelihood(r, v, r_precision, v_precision)
        for _step in range(_NEWTON_MAX_STEPS):
            eta = self.block.times(r) + v[adjudicators]
            mean = special.expit(eta)
            residual = self.design.grants - self.design.decisions * mean
            weight = self.design.decisions * mean * (1.0 - mean)
            r_gradient = self.block.transpose_times(residual) - r_precision * r
            v_gradient = (
                np.bincount(adjudicators, weights=residual, minlength=count) - v_precision * v
            )
            r_block = self.block.gram(weight)
            r_block[np.diag_indices_from(r_block)] += r_precision
            cross = self.block.cross(weight, adjudicators, count)
            v_diagonal = np.bincount(adjudicators, weights=weight, minlength=count) + v_precision
            scaled = cross / v_diagonal
            schur = r_block - scaled @ cross.T
            factor = linalg.cho_factor(schur, lower=True, check_finite=False)
            r_step = linalg.cho_solve(factor, r_gradient - scaled @ v_gradient, check_finite=False)
            v_step = (v_gradient - cross.T @ r_step) / v_diagonal
            log_det = float(np.log(v_diagonal).sum() + 2.0 * np.log(np.diag(factor[0])).sum())
            if max(np.abs(r_step).max(), np.abs(v_step).max(initial=0.0)) < _NEWTON_TOLERANCE:
                break
            r, v, current = self._line_search(
                r, v, r_step, v_step, current, r_precision, v_precision
            )
        self.r_state, self.v_state = r, v
        self.schur_factor = factor
        return current, log_det

    def _line_search(
        self,
        r: np.ndarray,
        v: np.ndarray,
        r_step: np.ndarray,
        v_step: np.ndarray,
        current: float,
        r_precision: np.ndarray,
        v_precision: float,
    ) -> tuple[np.ndarray, np.ndarray, float]:
        scale = 1.0
        for _halving in range(30):
            r_new, v_new = r + scale * r_step, v + scale * v_step
            value = self._penalised_log_likelihood(r_new, v_new, r_precision, v_precision)
            if value >= current - 1e-12 * (1.0 + abs(current)):
                return r_new, v_new, value
            scale /= 2.0
        return r, v, current

    def __call__(self, log_sds: np.ndarray) -> float:
        self.evaluations += 1
        log_likelihood, log_det = self.mode(log_sds)
        group_count = self.design.group_count if self.has_groups else 0
        penalty = self.design.adjudicator_count * log_sds[-1]
        if self.has_groups:
            penalty += group_count * log_sds[0]
        return -log_likelihood + 0.5 * log_det + float(penalty)


def fit_hierarchical_model(
    design: ModelDesign, *, interval_level: float = 0.9, progress: Progress | None = None
) -> ModelFit:
    """Maximise the Laplace-approximated likelihood over the two SDs; effects at the joint mode."""
    objective = _LaplaceObjective(design)
    # The dense algebra is on matrices of (covariate levels + groups) rows: threads only add
    # synchronisation cost there, and on a busy machine a great deal of it.
    threads = 1 if objective.r_count <= _SINGLE_THREAD_MAX_COLUMNS else None
    with threadpool_limits(limits=threads, user_api="blas"):
        return _fit(design, objective, interval_level, progress)


def _fit(
    design: ModelDesign,
    objective: _LaplaceObjective,
    interval_level: float,
    progress: Progress | None,
) -> ModelFit:
    dimension = 2 if objective.has_groups else 1

    def traced(log_sds: np.ndarray) -> float:
        value = objective(log_sds)
        if progress is not None:
            group_sd = math.exp(log_sds[0]) if objective.has_groups else 0.0
            progress(
                f"fit step {objective.evaluations}: adjudicator SD {math.exp(log_sds[-1]):.4f}, "
                f"group SD {group_sd:.4f}, -log L {value:.3f}"
            )
        return value

    # The objective grows with the number of random effects; per effect, its gradient in the
    # log SDs is of order one, so L-BFGS-B's first step stays sensible.
    scale = float(design.adjudicator_count + (design.group_count if objective.has_groups else 0))
    result = optimize.minimize(
        lambda log_sds: traced(log_sds) / scale,
        np.full(dimension, _START_LOG_SD),
        method="L-BFGS-B",
        bounds=[LOG_SD_BOUNDS] * dimension,
        options={"eps": 1e-4, "ftol": 1e-12, "gtol": 1e-5},
    )
    best = np.asarray(result.x, dtype=np.float64)
    sd_interval = _adjudicator_sd_interval(objective, best, interval_level)
    minimum = objective(best)
    fixed_count = objective.fixed_count
    coefficients = objective.r_state[:fixed_count].copy()
    group_effects = objective.r_state[fixed_count:].copy() if objective.has_groups else np.zeros(1)
    fixed_linear_predictor = design.fixed_linear_predictor(coefficients)
    return ModelFit(
        coefficients=coefficients,
        fixed_names=design.fixed_names,
        group_sd_logit=math.exp(best[0]) if objective.has_groups else 0.0,
        adjudicator_sd_logit=math.exp(best[-1]),
        adjudicator_sd_interval=sd_interval,
        group_effects=group_effects,
        fixed_linear_predictor=fixed_linear_predictor,
        coefficient_covariance=linalg.cho_solve(
            objective.schur_factor, np.eye(objective.r_count), check_finite=False
        )[:fixed_count, :fixed_count],
        typical_case_logit=float(
            design.decisions @ fixed_linear_predictor / design.decisions.sum()
        ),
        negative_log_likelihood=minimum,
        evaluations=objective.evaluations,
        is_converged=bool(result.success),
    )


def _adjudicator_sd_interval(
    objective: _LaplaceObjective, best: np.ndarray, level: float
) -> tuple[float, float] | None:
    """Wald interval on the log-SD scale from a finite-difference Hessian over the SDs that are
    inside their bounds; None when the adjudicator SD itself sits on a bound."""
    step = 0.01
    interior = [
        k
        for k in range(best.size)
        if LOG_SD_BOUNDS[0] < best[k] - step and best[k] + step < LOG_SD_BOUNDS[1]
    ]
    if best.size - 1 not in interior:
        return None
    centre = objective(best)
    hessian = np.empty((len(interior), len(interior)))
    for row, i in enumerate(interior):
        for column, j in enumerate(interior[row:], start=row):
            value = _second_difference(objective, best, i, j, step, centre)
            hessian[row, column] = hessian[column, row] = value
    try:
        variance = float(np.linalg.inv(hessian)[-1, -1])
    except np.linalg.LinAlgError:
        return None
    if not np.isfinite(variance) or variance <= 0:
        return None
    half_width = stats.norm.ppf(0.5 + level / 2) * math.sqrt(variance)
    return math.exp(best[-1] - half_width), math.exp(best[-1] + half_width)


def _second_difference(
    objective: _LaplaceObjective, x: np.ndarray, i: int, j: int, step: float, centre: float
) -> float:
    def at(di: float, dj: float) -> float:
        point = x.copy()
        point[i] += di
        point[j] += dj
        return objective(point)

    if i == j:
        return (at(step, 0.0) - 2.0 * centre + at(-step, 0.0)) / step**2
    return (at(step, step) - at(step, -step) - at(-step, step) + at(-step, -step)) / (4 * step**2)
