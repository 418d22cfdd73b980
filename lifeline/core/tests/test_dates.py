"""One plausible date range holds for documents (also in lists and maps) and for forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from pydantic import BaseModel, ValidationError

from lifeline.core.date_fields import PlausibleDateField
from lifeline.core.dates import EARLIEST, LATEST, PlausibleDate, PlausibleDates, require_order


class Stay(PlausibleDates):
    on: dt.date
    until: dt.date | None = None
    days: list[dt.date] = []
    by_code: dict[str, dict[str, dt.date | None]] = {}


class Single(BaseModel):
    on: PlausibleDate


class DateForm(forms.Form):
    on = PlausibleDateField(required=False)


@pytest.mark.parametrize("day", [EARLIEST, LATEST, dt.date(2025, 6, 1)])
def test_the_first_and_last_plausible_days_are_accepted(day: dt.date) -> None:
    assert Stay(on=day, until=day, days=[day], by_code={"a": {"b": day}}).on == day
    assert Single(on=day).on == day


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"on": "9999-12-31"}, "on"),
        ({"on": "2025-01-01", "until": "1899-12-31"}, "until"),
        ({"on": "2025-01-01", "days": ["2025-01-02", "2200-01-01"]}, "days"),
        ({"on": "2025-01-01", "by_code": {"F1": {"ALL": "0001-01-01"}}}, "by_code"),
    ],
)
def test_a_date_out_of_range_is_refused_naming_its_field(
    fields: dict[str, object], where: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        Stay.model_validate(fields)
    [problem] = refused.value.errors()
    assert problem["loc"][0] == where
    assert "must be a date from 1900-01-01 to 2199-12-31" in problem["msg"]


def test_the_annotated_type_refuses_the_same_dates() -> None:
    with pytest.raises(ValidationError, match="out of range"):
        Single(on=dt.date(2200, 1, 1))


@pytest.mark.parametrize(
    ("value", "valid"),
    [("", True), ("2199-12-31", True), ("9999-12-31", False), ("0001-01-01", False)],
)
def test_the_form_field_gives_a_form_error_not_a_crash(value: str, valid: bool) -> None:
    form = DateForm({"on": value})
    assert form.is_valid() is valid
    if not valid:
        assert form.has_error("on", code="out_of_range")
        assert "1900-01-01 to 2199-12-31" in form.errors["on"][0]


@pytest.mark.parametrize(
    ("last", "refused"),
    [(None, False), (dt.date(2025, 3, 9), True), (dt.date(2025, 3, 10), False)],
)
def test_a_range_may_end_on_its_first_day_but_not_the_day_before(
    last: dt.date | None, refused: bool
):
    first = dt.date(2025, 3, 10)
    if refused:
        with pytest.raises(ValueError, match=r"^closes_on is before opens_on$"):
            require_order(first, last, ("opens_on", "closes_on"))
    else:
        require_order(first, last, ("opens_on", "closes_on"))
