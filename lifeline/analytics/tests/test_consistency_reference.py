"""The colleagues' leave-one-out reference of each officer, and its weights."""

from __future__ import annotations

import numpy as np

from lifeline.analytics.consistency.funnel import PairDeviations, against_colleagues


def _pairs(deviation: list[float], standard_error: list[float], group: list[int]) -> PairDeviations:
    count = len(deviation)
    return PairDeviations(
        group_index=np.asarray(group),
        adjudicator_index=np.arange(count),
        decisions=np.full(count, 300.0),
        grants=np.full(count, 150.0),
        log_odds_deviation=np.asarray(deviation),
        standard_error=np.asarray(standard_error),
        pair_of_cell=np.zeros(0, dtype=np.int64),
        design_mean=np.zeros((count, 1)),
    )


def test_the_reference_is_the_colleagues_precision_weighted_mean_without_the_officer():
    pairs = _pairs([0.0, 0.2, 0.4, 1.0], [0.1, 0.2, 0.1, 0.1], [0, 0, 0, 1])
    effect, variance, reference, reference_variance = against_colleagues(
        pairs, 0.3, 0.0, np.zeros((1, 1))
    )
    weight = 1.0 / (0.3**2 + np.array([0.1, 0.2, 0.1]) ** 2)
    expected = (weight[1] * 0.2 + weight[2] * 0.4) / (weight[1] + weight[2])
    assert np.isclose(reference[0], expected)
    assert np.isclose(effect[0], -expected)
    assert np.isclose(reference_variance[0], 1.0 / (weight[1] + weight[2]))
    assert np.isclose(variance[0], 0.1**2 + reference_variance[0])
    assert np.isinf(reference_variance[3])  # no colleague, no reference


def test_a_colleague_with_no_chance_of_being_ordinary_leaves_the_reference():
    pairs = _pairs([0.0, 0.1, -0.1, 1.5], [0.1, 0.1, 0.1, 0.1], [0, 0, 0, 0])
    chance = np.array([1.0, 1.0, 1.0, 0.0])
    _effect, _variance, reference, reference_variance = against_colleagues(
        pairs, 0.2, 0.0, np.zeros((1, 1)), chance
    )
    plain = against_colleagues(pairs, 0.2, 0.0, np.zeros((1, 1)))
    assert np.isclose(reference[0], 0.0)  # the mean of 0.1 and -0.1, the outlier left out
    assert plain[2][0] > 0.4  # with it, the outlier pulls the reference up
    assert reference_variance[0] > plain[3][0]  # two colleagues count instead of three
    assert np.isclose(reference[3], 0.0)  # the outlier itself is measured against all three
