"""The one range of plausible dates every document, form and query parameter accepts (no
Django here: `lifeline eligibility check` runs without it)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, field_validator

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
