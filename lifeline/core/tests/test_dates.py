"""One plausible date range holds for documents (also in lists and maps) and for forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from pydantic import BaseModel, ValidationError

from lifeline.core.date_fields import PlausibleDateField
from lifeline.core.dates import EARLIEST, LATEST, PlausibleDate, PlausibleDates


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
