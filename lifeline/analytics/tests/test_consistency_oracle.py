"""The oracle bound of the consistency grid: its statistic, its local fdr and its level choice."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from lifeline.analytics.consistency import oracle
from lifeline.analytics.consistency.simulate import (
    SimulationSpec,
    grid_condition,
    simulate_decisions,
)


@dataclass(frozen=True)
class Cell:
    """A condition of the consistency grid, as the oracle reads it (a two-group prior)."""

    sd: float
    odds_ratio: float
    share: float

    def spec(self) -> SimulationSpec:
        return grid_condition(self.sd, self.odds_ratio, self.share)


def test_the_oracle_statistic_errs_by_its_own_standard_error_only():
    """Were the replayed office effects wrong, every error would carry an office's effect (SD
    0.5) and the mean squared z of the errors would be far above 1."""
    cell = Cell(0.3, 2.0, 0.1)
    simulation = simulate_decisions(cell.spec(), 4)
    offset = oracle.known_offset(simulation, oracle.true_office_effects(cell.spec(), 4))
    effect, variance, decisions = oracle.oracle_statistic(simulation, offset)
    z_squared = (effect - simulation.true_log_odds_ratio) ** 2 / variance
    assert decisions.min() >= 50
    assert 0.7 < z_squared.mean() < 1.4


def test_the_true_local_fdr_follows_the_prior_and_the_distance():
    cell = Cell(0.2, 3.0, 0.1)
    variance = np.full(3, 0.01)
    lfdr = oracle.true_local_fdr(np.array([0.0, 0.5, np.log(3.0)]), variance, cell)
    assert lfdr[0] > 0.99
    assert lfdr[0] > lfdr[1] > lfdr[2]
    assert lfdr[2] < 0.05
    no_outliers = Cell(0.2, 3.0, 0.0)
    assert np.allclose(oracle.true_local_fdr(np.array([1.5]), variance[:1], no_outliers), 1.0)


def test_against_colleagues_removes_the_office_and_leaves_the_officer_out():
    cell = Cell(0.2, 2.0, 0.1)
    deviation = np.array([0.0, 0.1, 0.9, -0.1, 0.2, 0.3])
    variance = np.array([0.01, 0.02, 0.01, 0.03, 0.01, 0.02])
    office = np.array([0, 0, 0, 1, 1, 1])
    against, against_variance = oracle.against_colleagues(deviation, variance, office, cell)
    shifted, _ = oracle.against_colleagues(deviation + 5.0 * office, variance, office, cell)
    assert np.allclose(against, shifted)
    weight = 1.0 / (0.04 + variance[:2])
    assert against[2] == pytest.approx(0.9 - weight @ deviation[:2] / weight.sum())
    assert against_variance[2] == pytest.approx(0.01 + 1.0 / weight.sum())


def test_the_honest_variance_counts_outlying_colleagues_and_only_them():
    cell = Cell(0.2, 3.0, 0.1)
    variance = np.full(6, 0.02)
    office = np.array([0, 0, 0, 1, 1, 1])
    truth = np.array([0.1, -0.1, 1.1, 0.0, 0.2, -0.2])
    outlier = np.array([False, False, True, False, False, False])
    _against, stated = oracle.against_colleagues(truth, variance, office, cell)
    honest = oracle.honest_colleagues_variance(variance, office, truth, outlier, cell)
    # office 1 has no outlier: the two agree there, and for office 0's outlier itself
    assert np.allclose(honest[3:], stated[3:])
    assert np.isclose(honest[2], stated[2])
    # officers 0 and 1 have the outlier among their two colleagues: half the reference is it
    expected = 0.02 + 0.25 * ((0.2**2 + 0.02) + (1.1**2 + 0.02))
    assert np.isclose(honest[0], expected)
    assert honest[0] > stated[0]
