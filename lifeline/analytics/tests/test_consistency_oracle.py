"""The oracle bound of the consistency grid: its statistic, its local fdr and its level choice."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from lifeline.analytics.consistency.simulate import simulate_decisions

BENCH = Path(__file__).resolve().parents[3] / "bench"


@pytest.fixture(scope="module")
def oracle():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(
        "consistency_oracle_bench", BENCH / "consistency_oracle_bench.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(BENCH))


def test_the_oracle_statistic_errs_by_its_own_standard_error_only(oracle):
    """Were the replayed office effects wrong, every error would carry an office's effect (SD
    0.5) and the mean squared z of the errors would be far above 1."""
    cell = oracle.Cell(0.3, 2.0, 0.1)
    simulation = simulate_decisions(cell.spec(), 4)
    offset = oracle.known_offset(simulation, oracle.true_office_effects(cell.spec(), 4))
    effect, variance, decisions = oracle.oracle_statistic(simulation, offset)
    z_squared = (effect - simulation.true_log_odds_ratio) ** 2 / variance
    assert decisions.min() >= 50
    assert 0.7 < z_squared.mean() < 1.4


def test_the_true_local_fdr_follows_the_prior_and_the_distance(oracle):
    cell = oracle.Cell(0.2, 3.0, 0.1)
    variance = np.full(3, 0.01)
    lfdr = oracle.true_local_fdr(np.array([0.0, 0.5, np.log(3.0)]), variance, cell)
    assert lfdr[0] > 0.99
    assert lfdr[0] > lfdr[1] > lfdr[2]
    assert lfdr[2] < 0.05
    no_outliers = oracle.Cell(0.2, 3.0, 0.0)
    assert np.allclose(oracle.true_local_fdr(np.array([1.5]), variance[:1], no_outliers), 1.0)


def test_against_colleagues_removes_the_office_and_leaves_the_officer_out(oracle):
    cell = oracle.Cell(0.2, 2.0, 0.1)
    deviation = np.array([0.0, 0.1, 0.9, -0.1, 0.2, 0.3])
    variance = np.array([0.01, 0.02, 0.01, 0.03, 0.01, 0.02])
    office = np.array([0, 0, 0, 1, 1, 1])
    against, against_variance = oracle.against_colleagues(deviation, variance, office, cell)
    shifted, _ = oracle.against_colleagues(deviation + 5.0 * office, variance, office, cell)
    assert np.allclose(against, shifted)
    weight = 1.0 / (0.04 + variance[:2])
    assert against[2] == pytest.approx(0.9 - weight @ deviation[:2] / weight.sum())
    assert against_variance[2] == pytest.approx(0.01 + 1.0 / weight.sum())
