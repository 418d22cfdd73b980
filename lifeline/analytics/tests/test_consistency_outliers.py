"""The two-group model behind the consistency flags: ordinary spread, outliers, q-values."""

from __future__ import annotations

import numpy as np
import pytest

from lifeline.analytics.consistency.outliers import (
    bayesian_q_values,
    central_likelihood_sd,
    central_sd,
    fit_two_groups,
)
from lifeline.analytics.consistency.report import outlier_ranks


def draw(seed: int, *, count: int, sd: float, outliers: int, log_odds: float):
    rng = np.random.default_rng(seed)
    variance = rng.uniform(0.01, 0.04, count)
    truth = rng.normal(0.0, sd, count)
    truth[:outliers] = log_odds * rng.choice((-1.0, 1.0), outliers)
    return truth + rng.normal(0.0, np.sqrt(variance)), variance


def test_outliers_inflate_the_estimated_ordinary_spread_far_less_than_the_plain_spread() -> None:
    effect, variance = draw(1, count=400, sd=0.25, outliers=40, log_odds=np.log(3.0))
    fit = fit_two_groups(effect, variance, min_odds_ratio=1.5, null_weight=10, min_outlier_sds=2)
    naive = float(np.sqrt(max(np.var(effect) - variance.mean(), 0.0)))
    assert naive > 0.4
    assert 0.2 < fit.ordinary_sd_logit < 0.3


@pytest.mark.parametrize(
    ("sd", "share", "odds_ratio"), [(0.1, 0.05, 3.0), (0.2, 0.1, 3.0), (0.25, 0.15, 3.0)]
)
def test_known_outliers_over_four_ordinary_sds_out_are_found_with_few_false_flags(
    sd: float, share: float, odds_ratio: float
) -> None:
    # 20 reports of 240 officers; outliers at odds ratio 3, 4.4-11 ordinary SDs out, either way.
    found = outliers = 0
    false_shares = []
    for seed in range(20):
        count = round(share * 240)
        effect, variance = draw(
            100 + seed, count=240, sd=sd, outliers=count, log_odds=float(np.log(odds_ratio))
        )
        fit = fit_two_groups(
            effect, variance, min_odds_ratio=1.5, null_weight=10, min_outlier_sds=2
        )
        flagged = fit.flags(effect, variance, 0.05)
        found += int(flagged[:count].sum())
        outliers += count
        false_shares.append(int(flagged[count:].sum()) / max(int(flagged.sum()), 1))
    assert found / outliers >= 0.8
    # At the level within the noise of 20 reports: 5.2-5.9% here, where the central likelihood
    # puts the ordinary SD up to 13% low (ADR 0140); central matching gave 4.4-4.6%.
    assert float(np.mean(false_shares)) <= 0.065


def test_without_outliers_nearly_everyone_is_ordinary() -> None:
    effect, variance = draw(2, count=300, sd=0.2, outliers=0, log_odds=0.0)
    fit = fit_two_groups(effect, variance, min_odds_ratio=1.5, null_weight=10, min_outlier_sds=2)
    assert fit.ordinary_share > 0.95
    assert not (fit.q_value <= 0.1).any()


def test_the_central_likelihood_varies_less_than_central_matching_and_knows_its_error() -> None:
    # 60 reports of 240 officers, SD 0.3, 10% outliers 4 SDs out: the spread of each estimate
    # over the reports, and the mean standard error the central likelihood claims.
    matched, likelihood, errors = [], [], []
    for seed in range(60):
        effect, variance = draw(300 + seed, count=240, sd=0.3, outliers=24, log_odds=1.2)
        start = central_sd(effect, variance, ordinary_share=0.9)
        sd, error = central_likelihood_sd(effect, variance, start)
        matched.append(start)
        likelihood.append(sd)
        errors.append(error)
    assert np.std(likelihood) < np.std(matched)
    assert abs(np.mean(likelihood) - 0.3) < 0.02
    assert 0.7 < np.mean(errors) / np.std(likelihood) < 1.4


def test_a_narrower_central_interval_lets_fewer_close_outliers_into_the_spread() -> None:
    # 30 reports of 240 officers, SD 0.2, 15% outliers 3.5 SDs out: within 2 SDs of the centre
    # some outliers count as ordinary and widen the spread; within 1.5 SDs fewer do.
    wide, narrow = [], []
    for seed in range(30):
        effect, variance = draw(900 + seed, count=240, sd=0.2, outliers=36, log_odds=0.7)
        start = central_sd(effect, variance, ordinary_share=0.85)
        wide.append(central_likelihood_sd(effect, variance, start)[0])
        narrow.append(central_likelihood_sd(effect, variance, start, half_width_sds=1.5)[0])
    assert np.mean(narrow) < np.mean(wide)
    assert abs(np.mean(narrow) - 0.2) < abs(np.mean(wide) - 0.2)


def test_the_central_likelihood_of_the_two_groups_reads_fewer_close_outliers_as_spread() -> None:
    # The same draws: counting the first fit's outliers inside the interval as outliers brings
    # the ordinary SD down towards the truth; without outliers it changes little.
    plain, mixed, plain_null, mixed_null = [], [], [], []
    options = {"min_odds_ratio": 1.5, "null_weight": 10, "min_outlier_sds": 2}
    for seed in range(30):
        effect, variance = draw(900 + seed, count=240, sd=0.2, outliers=36, log_odds=0.7)
        plain.append(fit_two_groups(effect, variance, **options).ordinary_sd_logit)
        mixed.append(
            fit_two_groups(effect, variance, central_two_groups=True, **options).ordinary_sd_logit
        )
        effect, variance = draw(1900 + seed, count=240, sd=0.2, outliers=0, log_odds=0.0)
        plain_null.append(fit_two_groups(effect, variance, **options).ordinary_sd_logit)
        mixed_null.append(
            fit_two_groups(effect, variance, central_two_groups=True, **options).ordinary_sd_logit
        )
    assert np.mean(mixed) < np.mean(plain)
    assert abs(np.mean(mixed) - 0.2) < abs(np.mean(plain) - 0.2)
    assert abs(np.mean(mixed_null) - np.mean(plain_null)) < 0.01


def test_no_effects_give_an_empty_fit() -> None:
    fit = fit_two_groups(np.zeros(0), np.zeros(0), min_odds_ratio=1.5, null_weight=10)
    assert fit.ordinary_share == 1.0 and fit.q_value.size == 0


@pytest.mark.parametrize(
    ("local_fdr", "expected"),
    [
        ([0.5, 0.0, 0.2], [0.7 / 3, 0.0, 0.1]),
        ([1.0], [1.0]),
    ],
)
def test_q_values_are_running_means_of_sorted_local_fdr(local_fdr, expected) -> None:
    assert bayesian_q_values(np.asarray(local_fdr)) == pytest.approx(expected)


def test_ranks_put_the_likeliest_outlier_first_and_leave_untested_pairs_unranked() -> None:
    outlier_probability = np.array([0.2, np.nan, 0.9, 0.2, 0.05])
    is_tested = np.array([True, False, True, True, True])
    assert outlier_ranks(outlier_probability, is_tested).tolist() == [2, 0, 1, 2, 4]
