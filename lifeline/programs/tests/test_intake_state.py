"""Which programs take a request (and a supporter's declaration) on a date: the one selector the
request wizard, the program pages and the declaration wizard share."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.programs.selectors import get_intake_state, list_programs_accepting


@pytest.mark.parametrize(
    ("day", "is_open"),
    [("2025-01-27", True), ("2025-01-28", False), ("2025-01-29", False)],
)
def test_the_process_for_cubans_stops_taking_requests_the_day_form_i_134a_was_paused(
    day: str, is_open: bool
) -> None:
    """The intake entry of 28 January 2025 cites https://www.uscis.gov/i-134a: "USCIS is
    pausing acceptance of Form I-134A, Online Request to be a Supporter and Declaration of
    Financial Support, until we review all categorical parole processes"."""
    on = dt.date.fromisoformat(day)
    state = get_intake_state("chnv_cuba", on=on)
    assert state.is_open is is_open
    assert ("chnv_cuba" in list_programs_accepting(on=on)) is is_open
    if not is_open:
        assert "paused acceptance of Form I-134A" in state.reason


def test_the_general_process_takes_requests_when_the_categorical_ones_do_not() -> None:
    assert list_programs_accepting(on=dt.date(2026, 12, 7)) == ["general"]
