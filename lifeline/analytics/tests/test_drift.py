"""Reason-code drift: shares by month, a chi-square test and Jensen-Shannon distance to baseline."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.analytics.consistency.drift import (
    DriftInputInvalid,
    ReasonCodeCell,
    measure_reason_code_drift,
)


def _month(month: int, **codes: int) -> list[ReasonCodeCell]:
    return [ReasonCodeCell(dt.date(2026, month, 1), "u4u", sum(codes.values()), codes)]


def test_a_steady_mix_of_reasons_does_not_drift() -> None:
    rows = [decision for month in range(1, 7) for decision in _month(month, a=60, b=40)]

    drift = measure_reason_code_drift(rows, baseline_months=3)

    assert drift.codes == ["a", "b"]
    assert drift.months[0].js_distance is None and not drift.months[0].is_drift
    assert all(not month.is_drift for month in drift.months)
    assert drift.months[-1].shares == {"a": 0.6, "b": 0.4}
    assert drift.months[-1].js_distance == pytest.approx(0.0, abs=1e-9)
    assert drift.months[-1].baseline_decisions == 300


def test_a_shift_in_reasons_is_flagged_and_measured() -> None:
    rows = [decision for month in range(1, 4) for decision in _month(month, a=80, b=20)]
    rows += _month(4, a=20, b=70, c=10)

    last = measure_reason_code_drift(rows).months[-1]

    assert last.is_drift and last.p_value is not None and last.p_value < 1e-6
    assert last.js_distance is not None and last.js_distance > 0.4
    assert last.counts == {"a": 20, "b": 70, "c": 10}


def test_a_small_wobble_is_not_significant() -> None:
    rows = _month(1, a=12, b=8) + _month(2, a=10, b=10)

    last = measure_reason_code_drift(rows).months[-1]

    assert not last.is_drift and last.p_value is not None and last.p_value > 0.1


def test_only_the_chosen_program_is_counted() -> None:
    rows = [*_month(1, a=5), ReasonCodeCell(dt.date(2026, 1, 9), "cam", 1, {"z": 1, "a": 1})]

    drift = measure_reason_code_drift(rows, program="cam")

    assert drift.codes == ["a", "z"] and drift.months[0].decisions == 1
    assert drift.months[0].month == dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"baseline_months": 0}, "baseline"), ({"significance": 1.5}, "significance")],
)
def test_bad_settings_are_refused(options: dict, message: str) -> None:
    with pytest.raises(DriftInputInvalid, match=message):
        measure_reason_code_drift([], **options)
