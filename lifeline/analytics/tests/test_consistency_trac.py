"""The consistency analysis on TRAC's real FY2012-2017 judge table reproduces published figures."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from lifeline.analytics.consistency.io import DecisionColumns, decision_rows_from_table
from lifeline.analytics.consistency.report import (
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)

TRAC_COLUMNS = DecisionColumns(
    group=("court",), adjudicator="judge", decisions="decisions", grants="grants"
)


@pytest.fixture(scope="module")
def trac_report(trac_counts: pa.Table) -> dict[str, Any]:
    rows = decision_rows_from_table(trac_counts, TRAC_COLUMNS)
    return build_report(analyse_consistency(rows, options=ConsistencyOptions()))


def test_fixture_holds_the_published_table_size(trac_counts: pa.Table) -> None:
    assert trac_counts.num_rows == 293
    assert sum(trac_counts["decisions"].to_pylist()) == 120_077
    assert len(set(trac_counts["court"].to_pylist())) == 53
    assert len(set(trac_counts["judge"].to_pylist())) == 271


@pytest.mark.parametrize(
    ("court", "decisions", "lowest_denial_pct", "highest_denial_pct"),
    [
        ("San Francisco", 6922, 9.4, 97.1),
        ("Newark", 1233, 10.9, 98.7),
        ("New York", 36310, 3.0, 58.5),
        ("Los Angeles", 12404, 29.4, 97.5),
    ],
)
def test_report_reproduces_trac_published_court_denial_ranges(
    trac_report: dict[str, Any],
    court: str,
    decisions: int,
    lowest_denial_pct: float,
    highest_denial_pct: float,
) -> None:
    group = next(entry for entry in trac_report["groups"] if entry["group"] == court)
    assert group["decisions"] == decisions
    assert round(100 * (1 - group["highest_grant_rate"]), 1) == lowest_denial_pct
    assert round(100 * (1 - group["lowest_grant_rate"]), 1) == highest_denial_pct


def test_judge_sd_matches_the_bayesian_and_variational_golden_fits(
    trac_report: dict[str, Any],
) -> None:
    # pymc 5.28.5: judge SD 0.99 (90% interval 0.90-1.08), court SD 1.15, intercept -0.99;
    # statsmodels BinomialBayesMixedGLM (variational): judge SD 0.95.
    assert 0.93 <= trac_report["adjudicator_sd_logit"] <= 1.05
    low, high = trac_report["adjudicator_sd_interval"]
    assert low < trac_report["adjudicator_sd_logit"] < high
    assert low >= 0.85 and high <= 1.15
    assert 1.0 <= trac_report["group_sd_logit"] <= 1.3
    assert trac_report["typical_case_logit"] == pytest.approx(-0.99, abs=0.05)


def test_gao_spread_for_the_typical_case_is_about_59_points(trac_report: dict[str, Any]) -> None:
    assert trac_report["p5_p95_spread_points"] == pytest.approx(59.0, abs=2.0)


def test_share_deviating_over_half_the_court_rate_is_60_of_288_judges(
    trac_report: dict[str, Any],
) -> None:
    # Refugee Roulette rule against the pooled court rate (judge included), courts of 2+ judges.
    assert trac_report["summary"]["pairs_tested"] == 288
    assert trac_report["summary"]["deviating_over_50pct"] == 60
    assert trac_report["share_deviating_over_50pct"] == pytest.approx(60 / 288, abs=1e-6)


def test_overdispersion_aware_flags_are_few_where_a_plain_binomial_test_flags_most(
    trac_report: dict[str, Any],
) -> None:
    summary = trac_report["summary"]
    assert 1 <= summary["flagged"] <= 40
    assert summary["plain_binomial_flagged"] >= 150
    flagged = [entry for entry in trac_report["adjudicators"] if entry["flagged"]]
    assert all(entry["q_value"] <= 0.1 and entry["tested"] for entry in flagged)
    assert all(entry["ci_low"] > 1 or entry["ci_high"] < 1 for entry in flagged)


def test_lone_judges_are_reported_but_never_tested(trac_report: dict[str, Any]) -> None:
    lone_courts = {entry["group"] for entry in trac_report["groups"] if entry["adjudicators"] == 1}
    lone = [entry for entry in trac_report["adjudicators"] if entry["group"] in lone_courts]
    assert len(lone) == 5
    assert not any(entry["tested"] or entry["flagged"] for entry in lone)
    assert all(entry["q_value"] is None and not entry["deviates_over_50pct"] for entry in lone)


def test_odds_ratio_is_the_observed_against_the_expected_odds_for_one_cell_judges(
    trac_report: dict[str, Any],
) -> None:
    entry = next(item for item in trac_report["adjudicators"] if item["tested"])
    grants, decisions = entry["grants"], entry["decisions"]
    expected = entry["expected_rate"]
    anscombe_odds = (grants + 0.5) / (decisions - grants + 0.5)
    assert entry["odds_ratio"] == pytest.approx(
        anscombe_odds / (expected / (1 - expected)), rel=1e-4
    )
    assert entry["ci_low"] < entry["odds_ratio"] < entry["ci_high"]
