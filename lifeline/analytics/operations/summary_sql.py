"""The few SQL fragments that differ between PostgreSQL and SQLite (weeks, months, day counts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    vendor: str

    @property
    def is_postgres(self) -> bool:
        return self.vendor == "postgresql"

    def week_start(self, column: str) -> str:
        """The Monday (UTC) of the week `column` falls in, as a date."""
        if self.is_postgres:
            return f"CAST(date_trunc('week', {column}) AS date)"
        return f"date({column}, '-6 days', 'weekday 1')"

    def month_start(self, column: str) -> str:
        """The first day (UTC) of the month `column` falls in, as a date."""
        if self.is_postgres:
            return f"CAST(date_trunc('month', {column}) AS date)"
        return f"date({column}, 'start of month')"

    def days_between(self, later: str, earlier: str) -> str:
        """Whole days elapsed from `earlier` to `later` (timestamps), rounded down."""
        if self.is_postgres:
            return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400) AS integer)"
        return f"CAST(julianday({later}) - julianday({earlier}) AS integer)"

    def seconds_until(self, column: str, now_placeholder: str = "%s") -> str:
        """Seconds from the `now` parameter to `column` (negative once it has passed)."""
        if self.is_postgres:
            return f"EXTRACT(EPOCH FROM ({column} - {now_placeholder}))"
        return f"((julianday({column}) - julianday({now_placeholder})) * 86400.0)"

    def now_parameter(self, now: dt.datetime) -> dt.datetime | str:
        """`now` as the database compares it with stored timestamps (SQLite: naive UTC text)."""
        if self.is_postgres:
            return now
        return now.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
