"""Cohen's kappa and nearest-rank percentiles against hand-computed examples."""

from __future__ import annotations

import pytest

from lifeline.analytics.operations.measures import (
    agreement_share,
    cohens_kappa,
    nearest_rank_percentile,
)


def test_kappa_of_a_hand_computed_table() -> None:
    # 50 cases: both approve 20, first approves and second denies 5, the reverse 10, both deny 15.
    # Observed agreement 35/50 = 0.7; expected (25*30 + 25*20) / 50^2 = 0.5; kappa = 0.2/0.5.
    pairs = {
        ("approve", "approve"): 20,
        ("approve", "deny"): 5,
        ("deny", "approve"): 10,
        ("deny", "deny"): 15,
    }
    assert cohens_kappa(pairs) == pytest.approx(0.4)
    assert agreement_share(pairs) == pytest.approx(0.7)


def test_kappa_with_three_outcomes_and_one_the_second_reviewer_never_used() -> None:
    # Observed 7/10; first marginals a=5, d=3, c=2; second a=6, d=4, c=0.
    # Expected (5*6 + 3*4 + 2*0) / 100 = 0.42; kappa = (0.7 - 0.42) / 0.58.
    pairs = {
        ("approve", "approve"): 4,
        ("approve", "deny"): 1,
        ("deny", "deny"): 3,
        ("close", "approve"): 2,
    }
    assert cohens_kappa(pairs) == pytest.approx(0.28 / 0.58)


def test_kappa_is_undefined_without_pairs_or_variation() -> None:
    assert cohens_kappa({}) is None
    assert cohens_kappa({("approve", "approve"): 9}) is None


def test_perfect_disagreement_is_minus_one() -> None:
    assert cohens_kappa({("approve", "deny"): 5, ("deny", "approve"): 5}) == pytest.approx(-1)


def test_nearest_rank_percentiles() -> None:
    histogram = {1: 2, 3: 1, 10: 1}  # values 1, 1, 3, 10
    assert nearest_rank_percentile(histogram, 0.5) == 1
    assert nearest_rank_percentile(histogram, 0.9) == 10
    assert nearest_rank_percentile({}, 0.5) is None
