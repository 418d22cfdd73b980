"""The period comparable decisions are grouped by on the consistency page: quarter, year, range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifeline.analytics.errors import DecisionTableInvalid

QUARTER = "quarter"
YEAR = "year"
ALL_TIME = "all"
DATE_RANGE = "range"
SCHEMES = (QUARTER, YEAR, ALL_TIME, DATE_RANGE)


@dataclass(frozen=True)
class ConsistencyPeriod:
    """How decisions are split in time: each office's decisions per quarter or per year, all
    together, or only those of one date range (`starts_on` to `ends_on`, both included)."""

    scheme: str = QUARTER
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise DecisionTableInvalid(f"unknown period '{self.scheme}'")
        has_range = self.starts_on is not None and self.ends_on is not None
        if (self.scheme == DATE_RANGE) != has_range:
            raise DecisionTableInvalid("a date range needs a start and an end date, and only it")
        if has_range and self.starts_on > self.ends_on:  # type: ignore[operator]
            raise DecisionTableInvalid("the start date must be on or before the end date")

    @property
    def key(self) -> str:
        """How a snapshot records the period: the scheme, or `range:<start>:<end>`."""
        if self.scheme == DATE_RANGE:
            return f"{DATE_RANGE}:{self.starts_on}:{self.ends_on}"
        return self.scheme

    @classmethod
    def from_key(cls, key: str) -> ConsistencyPeriod:
        scheme, _, dates = key.partition(":")
        if not dates:
            return cls(scheme=scheme)
        start, _, end = dates.partition(":")
        try:
            return cls(scheme, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        except ValueError as error:
            raise DecisionTableInvalid(f"bad period '{key}'") from error

    def group_label(self, office: str, period_start: dt.date | None) -> str:
        """The comparison group: the office, with the quarter or year (e.g. "HAB 2026-Q3")."""
        if self.scheme == QUARTER and period_start is not None:
            return f"{office} {period_start.year}-Q{(period_start.month - 1) // 3 + 1}"
        if self.scheme == YEAR and period_start is not None:
            return f"{office} {period_start.year}"
        return office


DEFAULT_PERIOD = ConsistencyPeriod()
