"""The one range of plausible dates every document, form and query parameter accepts (no
Django here: `lifeline eligibility check` runs without it)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, field_validator

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
OUT_OF_RANGE = f"must be a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def plausible_date(value: dt.date) -> dt.date:
    """`value` itself, or ValueError when it lies outside EARLIEST..LATEST."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{value.isoformat()} is out of range: {OUT_OF_RANGE}")
    return value


PlausibleDate = Annotated[dt.date, AfterValidator(plausible_date)]

DATE_ONLY = "must be a date written YYYY-MM-DD, with no time"
_YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_only(value: Any) -> Any:
    """`value` when it is a date (not a date-time) or a string of the form YYYY-MM-DD; else
    ValueError. Pydantic alone reads "2026-11-01T00:00:00" as a date."""
    if isinstance(value, dt.datetime) or (
        isinstance(value, str) and _YYYY_MM_DD.fullmatch(value) is None
    ):
        raise ValueError(f"{value} is not a date: {DATE_ONLY}")
    return value


PlausibleDateOnly = Annotated[dt.date, BeforeValidator(date_only), AfterValidator(plausible_date)]
"""A query parameter's date: YYYY-MM-DD only, within the plausible range."""


def _check_dates_in(value: Any) -> None:
    if isinstance(value, dt.date):
        plausible_date(value)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_dates_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            _check_dates_in(item)


class PlausibleDates(BaseModel):
    """A model base that holds every date field (and dates in its lists and maps) to the range."""

    @field_validator("*", mode="after")
    @classmethod
    def _dates_in_range(cls, value: Any) -> Any:
        _check_dates_in(value)
        return value


def require_order(first: dt.date, last: dt.date | None, names: tuple[str, str]) -> None:
    """ValueError "<last> is before <first>" when `last` is set and earlier than `first`."""
    if last is not None and last < first:
        raise ValueError(f"{names[1]} is before {names[0]}")
