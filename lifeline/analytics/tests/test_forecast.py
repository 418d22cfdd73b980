"""The backlog forecast: exact mean paths, intervals that cover the truth, caps, bad inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from lifeline.analytics.forecast.model import (
    CapLimit,
    ForecastInputInvalid,
    ForecastInputs,
    ProgramFlow,
    check_inputs,
    forecast_backlog,
    simulate_one_future,
)

START = dt.date(2026, 3, 1)


def _inputs(**changes: Any) -> ForecastInputs:
    base = ForecastInputs(
        programs=(ProgramFlow("u4u", backlog=100, arrivals_per_day=0.0, approval_rate=0.5),),
        officers=2,
        decisions_per_officer_per_day=5.0,
        start_on=START,
        horizon_days=60,
        simulations=400,
    )
    return replace(base, **changes)


def test_no_arrivals_and_known_capacity_clear_on_an_exact_day() -> None:
    forecast = forecast_backlog(_inputs())

    assert forecast.expected_clear_on == START + dt.timedelta(days=10)
    assert forecast.weeks[0].expected == pytest.approx(30.0)
    assert forecast.clears_on_low is not None and forecast.clears_on_high is not None
    assert forecast.clears_on_low <= START + dt.timedelta(days=10) <= forecast.clears_on_high
    assert forecast.share_cleared == 1.0


def test_two_programs_share_the_officers_and_clear_together() -> None:
    programs = (
        ProgramFlow("u4u", backlog=60, arrivals_per_day=0.0, approval_rate=0.5),
        ProgramFlow("cam", backlog=40, arrivals_per_day=0.0, approval_rate=0.5),
    )
    forecast = forecast_backlog(_inputs(programs=programs))

    assert forecast.expected_clear_on == START + dt.timedelta(days=10)
    assert forecast.backlog == 100


def test_arrivals_above_capacity_do_not_clear_within_the_horizon() -> None:
    flows = (ProgramFlow("u4u", backlog=100, arrivals_per_day=15.0, approval_rate=0.5),)
    forecast = forecast_backlog(_inputs(programs=flows))

    assert forecast.expected_clear_on is None
    assert forecast.clears_on_median is None
    assert forecast.clears_on_high is None
    assert not forecast.clears_within_interval
    assert forecast.share_cleared < 0.05
    assert forecast.weeks[-1].median > forecast.weeks[0].median


def test_no_officers_never_clear() -> None:
    forecast = forecast_backlog(_inputs(officers=0))

    assert forecast.expected_clear_on is None
    assert forecast.share_cleared == 0.0


def test_same_seed_gives_the_same_forecast() -> None:
    flows = (ProgramFlow("u4u", backlog=300, arrivals_per_day=6.0, approval_rate=0.5),)

    assert forecast_backlog(_inputs(programs=flows)) == forecast_backlog(_inputs(programs=flows))


def test_the_interval_covers_the_true_clear_day_about_as_often_as_it_says() -> None:
    flows = (ProgramFlow("u4u", backlog=200, arrivals_per_day=5.0, approval_rate=0.5),)
    inputs = _inputs(programs=flows, interval_level=0.8, simulations=2000, horizon_days=120)
    forecast = forecast_backlog(inputs)
    assert forecast.clears_on_low is not None and forecast.clears_on_high is not None

    truths = [simulate_one_future(inputs, seed=1000 + trial) for trial in range(300)]
    covered = [
        truth is not None and forecast.clears_on_low <= truth <= forecast.clears_on_high
        for truth in truths
    ]

    assert 0.72 <= float(np.mean(covered)) <= 0.92


def test_a_monthly_cap_holds_approvals_in_a_travel_queue_until_next_month() -> None:
    flows = (ProgramFlow("chnv_cuba", backlog=300, arrivals_per_day=0.0, approval_rate=1.0),)
    cap = CapLimit("chnv_monthly", period="month", limit=100, programs=("chnv_cuba",), used=40)
    forecast = forecast_backlog(_inputs(programs=flows, caps=(cap,), horizon_days=120))

    # 300 approvals: 60 slots left in March, 100 in April, 100 in May, the last 40 in June.
    assert forecast.expected_clear_on == START + dt.timedelta(days=30)
    assert forecast.travel_clears_on_median == dt.date(2026, 6, 1)
    march_end = next(week for week in forecast.weeks if week.on >= dt.date(2026, 3, 29))
    assert march_end.travel_queue_median == pytest.approx(300 - 60 - 10 * 4, abs=20)


def test_a_used_up_total_cap_ends_the_programs_intake() -> None:
    flows = (ProgramFlow("chnv_venezuela", backlog=50, arrivals_per_day=30.0, approval_rate=1.0),)
    cap = CapLimit("venezuela_total", period="total", limit=500, programs=("chnv_venezuela",))
    capped = forecast_backlog(_inputs(programs=flows, caps=(cap,), horizon_days=200))
    uncapped = forecast_backlog(_inputs(programs=flows, horizon_days=200))

    assert uncapped.expected_clear_on is None
    assert capped.expected_clear_on is not None
    assert capped.clears_on_high is not None


def test_an_exhausted_total_cap_admits_no_arrivals_at_all() -> None:
    flows = (ProgramFlow("chnv_venezuela", backlog=0, arrivals_per_day=30.0, approval_rate=1.0),)
    cap = CapLimit("venezuela_total", "total", limit=10, programs=("chnv_venezuela",), used=10)
    forecast = forecast_backlog(_inputs(programs=flows, caps=(cap,), horizon_days=14))

    assert all(week.high == 0 for week in forecast.weeks)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"programs": ()}, "at least one program"),
        ({"officers": -1}, "officers"),
        ({"decisions_per_officer_per_day": float("nan")}, "Decisions per officer"),
        ({"horizon_days": 0}, "horizon"),
        ({"horizon_days": 5000}, "horizon"),
        ({"interval_level": 1.0}, "interval level"),
        ({"simulations": 5}, "simulations"),
        ({"programs": (ProgramFlow("u4u", -1, 0.0, 0.5),)}, "cannot be negative"),
        ({"programs": (ProgramFlow("u4u", 1, -2.0, 0.5),)}, "Arrivals per day"),
        ({"programs": (ProgramFlow("u4u", 1, 1.0, 1.5),)}, "approval rate"),
        ({"programs": (ProgramFlow("u4u", 1, 1, 0.5), ProgramFlow("u4u", 1, 1, 0.5))}, "once"),
        ({"caps": (CapLimit("x", "week", 10, ("u4u",)),)}, "month or total"),
        ({"caps": (CapLimit("x", "month", 0, ("u4u",)),)}, "limit must be positive"),
        ({"caps": (CapLimit("x", "month", 10, ("cam",)),)}, "not in the forecast"),
    ],
)
def test_bad_inputs_are_refused_with_a_clear_message(changes: dict, message: str) -> None:
    with pytest.raises(ForecastInputInvalid, match=message):
        check_inputs(_inputs(**changes))
