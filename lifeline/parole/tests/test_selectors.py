"""A term's end as it stood on a date, and the stored end (logged) when its record is unreadable."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from lifeline.parole.selectors import term_ends_on
from lifeline.parole.tests.builders import make_term

pytestmark = pytest.mark.django_db

STORED_END = dt.date(2026, 1, 9)


def test_a_term_ends_as_the_termination_in_force_on_the_date_says() -> None:
    term = make_term("chnv_cuba-2023-01-06", original_ends_on=STORED_END, ends_on=STORED_END)
    assert term_ends_on(term, dt.date(2025, 5, 29)) == STORED_END  # the termination blocked
    assert term_ends_on(term, dt.date(2025, 5, 30)) == dt.date(2025, 4, 24)  # the order stayed


def test_an_unreadable_record_keeps_the_stored_end_and_says_so_in_the_log(caplog) -> None:
    term = make_term("chnv_cuba-2023-01-06", class_of_admission="", ends_on=STORED_END)
    with caplog.at_level(logging.WARNING, logger="lifeline.parole.selectors"):
        assert term_ends_on(term, dt.date(2025, 5, 1)) == STORED_END
    assert f"Parole term {term.pk}" in caplog.text
