"""The Laplace-fitted hierarchical model: exactness, recovery of known effects, edge cases."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from scipy import optimize, special, stats

from lifeline.analytics.consistency.cells import aggregate_cells
from lifeline.analytics.consistency.design import build_design
from lifeline.analytics.consistency.io import DecisionColumns, decision_rows_from_table
from lifeline.analytics.consistency.model import fit_hierarchical_model
from lifeline.analytics.consistency.report import (
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)
from lifeline.analytics.consistency.simulate import (
    CASE_MIX_EFFECTS,
    SIMULATION_COLUMNS,
    SimulationSpec,
    simulate_decisions,
)
from lifeline.analytics.errors import DecisionTableInvalid

COUNTS = DecisionColumns(group=("g",), adjudicator="a", decisions="n", grants="y")


def counts_table(
    groups: list[str], adjudicators: list[str], n: list[int], y: list[int]
) -> pa.Table:
    return pa.table({"g": groups, "a": adjudicators, "n": n, "y": y})


def exact_restricted_log_likelihood(n: np.ndarray, y: np.ndarray, sd: float) -> float:
    """log of the integral over a flat intercept and N(0, sd^2) random intercepts, up to a constant.

    Adaptive Gauss-Hermite quadrature (40 nodes, centred near each adjudicator's conditional
    mode) for the random intercepts, and a fine grid over the intercept.
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(40)
    log_weights = np.log(weights) - stats.norm.logpdf(nodes)
    intercepts = np.linspace(-2.5, 0.5, 601)
    scale = 1.0 / np.sqrt(n * 0.2 + 1.0 / sd**2)
    totals = []
    for intercept in intercepts:
        centre = (special.logit((y + 0.5) / (n + 1.0)) - intercept) * (n * 0.2 * sd**2)
        centre /= 1.0 + n * 0.2 * sd**2
        v = centre[:, None] + scale[:, None] * nodes[None, :]
        eta = intercept + v
        log_integrand = (
            y[:, None] * eta
            - n[:, None] * np.logaddexp(0.0, eta)
            - 0.5 * (v / sd) ** 2
            - np.log(sd)
            + log_weights[None, :]
        )
        totals.append(special.logsumexp(log_integrand, axis=1).sum() + np.log(scale).sum())
    return float(special.logsumexp(totals))


def test_laplace_sd_matches_the_exactly_integrated_likelihood_for_one_level() -> None:
    rng = np.random.default_rng(5)
    count = 40
    n = rng.integers(60, 400, count)
    y = rng.binomial(n, special.expit(-1.0 + rng.normal(0.0, 0.6, count)))
    table = counts_table(["office"] * count, [f"a{i}" for i in range(count)], list(n), list(y))
    fit = fit_hierarchical_model(
        build_design(aggregate_cells(decision_rows_from_table(table, COUNTS)))
    )
    exact = optimize.minimize_scalar(
        lambda log_sd: -exact_restricted_log_likelihood(n, y, float(np.exp(log_sd))),
        bounds=(np.log(0.1), np.log(2.0)),
        method="bounded",
        options={"xatol": 1e-5},
    )
    assert fit.adjudicator_sd_logit == pytest.approx(float(np.exp(exact.x)), rel=0.005)
    assert fit.group_sd_logit == 0.0


def test_case_level_and_aggregated_rows_give_the_same_fit() -> None:
    simulation = simulate_decisions(
        SimulationSpec(groups=3, adjudicators_per_group=8, caseload_low=80, caseload_high=150), 3
    )
    cases = simulation.table
    keys = ["office", "officer", *CASE_MIX_EFFECTS]
    plain = pa.table({key: pc.cast(cases[key], pa.string()) for key in keys})
    plain = plain.append_column("granted", cases["granted"].cast(pa.int64()))
    cells = plain.group_by(keys).aggregate([("granted", "count"), ("granted", "sum")])
    aggregated_columns = DecisionColumns(
        group=("office",), adjudicator="officer", decisions="granted_count",
        grants="granted_sum", covariates=tuple(CASE_MIX_EFFECTS),
    )  # fmt: skip
    options = ConsistencyOptions()
    from_cases = build_report(
        analyse_consistency(decision_rows_from_table(cases, SIMULATION_COLUMNS), options=options)
    )
    from_cells = build_report(
        analyse_consistency(decision_rows_from_table(cells, aggregated_columns), options=options)
    )
    assert from_cells["summary"]["cells"] == from_cases["summary"]["cells"] == cells.num_rows
    assert from_cells["adjudicator_sd_logit"] == from_cases["adjudicator_sd_logit"]
    assert from_cells["adjudicators"] == from_cases["adjudicators"]


def test_known_spread_and_case_mix_effects_are_recovered() -> None:
    spec = SimulationSpec(
        groups=6, adjudicators_per_group=30, adjudicator_sd_logit=0.5, group_sd_logit=0.4,
        outlier_share=0.0, caseload_low=150, caseload_high=300,
    )  # fmt: skip
    simulation = simulate_decisions(spec, 21)
    report = build_report(
        analyse_consistency(
            decision_rows_from_table(simulation.table, SIMULATION_COLUMNS),
            options=ConsistencyOptions(),
        )
    )
    realised_sd = float(simulation.true_log_odds_ratio.std())
    assert report["adjudicator_sd_logit"] == pytest.approx(realised_sd, abs=0.05)
    low, high = report["adjudicator_sd_interval"]
    assert low < realised_sd < high
    estimates = {term["term"]: term["log_odds"] for term in report["fixed_effects"]}
    for covariate, truth in CASE_MIX_EFFECTS.items():
        estimated = {level: estimates.get(f"{covariate}={level}") for level in truth}
        reference = next(level for level, value in estimated.items() if value is None)
        for level, value in estimated.items():
            true_contrast = truth[level] - truth[reference]
            assert (value or 0.0) == pytest.approx(true_contrast, abs=0.15), (covariate, level)


def test_an_adjudicator_who_grants_everything_stays_finite_and_is_flagged() -> None:
    groups = ["A"] * 12
    adjudicators = [f"a{i}" for i in range(12)]
    n = [200] * 12
    y = [60, 64, 58, 62, 66, 61, 59, 63, 57, 65, 60, 200]
    report = build_report(
        analyse_consistency(
            decision_rows_from_table(counts_table(groups, adjudicators, n, y), COUNTS),
            options=ConsistencyOptions(),
        )
    )
    everything = next(entry for entry in report["adjudicators"] if entry["adjudicator"] == "a11")
    assert everything["flagged"] and everything["deviates_over_50pct"]
    assert 100 < everything["odds_ratio"] < 1e5 and everything["ci_low"] > 10
    ordinary = [entry for entry in report["adjudicators"] if entry["adjudicator"] != "a11"]
    assert not any(entry["flagged"] for entry in ordinary)


def test_a_covariate_level_with_only_grants_keeps_a_finite_coefficient() -> None:
    table = pa.table(
        {
            "g": ["A"] * 8,
            "a": ["x", "x", "y", "y", "z", "z", "w", "w"],
            "kind": ["p", "q"] * 4,
            "n": [100, 5] * 4,
            "y": [40, 5, 45, 5, 38, 5, 50, 5],
        }
    )
    columns = DecisionColumns(
        group=("g",), adjudicator="a", decisions="n", grants="y", covariates=("kind",)
    )
    report = build_report(
        analyse_consistency(decision_rows_from_table(table, columns), options=ConsistencyOptions())
    )
    coefficient = next(t["log_odds"] for t in report["fixed_effects"] if t["term"] == "kind=q")
    assert 3.0 < coefficient < 15.0


def test_several_group_columns_define_groups_by_their_combination() -> None:
    table = pa.table(
        {
            "office": ["N", "N", "N", "N", "S", "S"],
            "year": ["2023", "2023", "2024", "2024", "2024", "2024"],
            "a": ["x", "y", "x", "y", "z", "w"],
            "n": [100] * 6,
            "y": [30, 35, 40, 45, 50, 55],
        }
    )
    columns = DecisionColumns(group=("office", "year"), adjudicator="a", decisions="n", grants="y")
    report = build_report(
        analyse_consistency(decision_rows_from_table(table, columns), options=ConsistencyOptions())
    )
    assert [entry["group"] for entry in report["groups"]] == ["N | 2023", "N | 2024", "S | 2024"]
    assert report["summary"]["pairs"] == 6 and report["summary"]["adjudicators"] == 4


def test_more_groups_than_the_dense_block_allows_are_refused_before_fitting() -> None:
    size = 3001
    table = counts_table(
        [f"g{i}" for i in range(size) for _ in range(2)],
        [f"a{i % 7}" for i in range(2 * size)],
        [10] * (2 * size),
        [3] * (2 * size),
    )
    with pytest.raises(DecisionTableInvalid, match="3,001 groups and 0 case-mix levels"):
        analyse_consistency(decision_rows_from_table(table, COUNTS), options=ConsistencyOptions())


def test_groups_that_do_not_differ_still_give_an_interval_for_the_adjudicator_spread() -> None:
    spec = SimulationSpec(
        groups=4, adjudicators_per_group=15, group_sd_logit=0.0, adjudicator_sd_logit=0.4,
        outlier_share=0.0, caseload_low=100, caseload_high=200,
    )  # fmt: skip
    simulation = simulate_decisions(spec, 3)
    report = build_report(
        analyse_consistency(
            decision_rows_from_table(simulation.table, SIMULATION_COLUMNS),
            options=ConsistencyOptions(),
        )
    )
    assert report["group_sd_logit"] < 0.01
    low, high = report["adjudicator_sd_interval"]
    assert low < report["adjudicator_sd_logit"] < high
    assert low < float(simulation.true_log_odds_ratio.std()) < high
