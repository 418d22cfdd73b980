"""Birth dates from common written forms to ISO, with a check for day/month swaps."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # day.month.year (Europe)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # month/day/year (United States)
_EARLIEST_YEAR = 1900


@lru_cache(maxsize=200_000)
def parse_birth_date(raw: str | None) -> dt.date | None:
    """The date written as YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or MM/DD/YYYY; None if unreadable."""
    if raw is None:
        return None
    text = str(raw).strip()[:10] if "T" in str(raw) else str(raw).strip()
    for pattern, order in ((_ISO, "ymd"), (_COMPACT, "ymd"), (_DOTTED, "dmy"), (_SLASHED, "mdy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                parsed = dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
            return parsed if parsed.year >= _EARLIEST_YEAR else None
    return None


def is_day_month_swap(first: dt.date, second: dt.date) -> bool:
    """True when the two dates differ only by day and month trading places."""
    return (
        first != second
        and first.year == second.year
        and first.day == second.month
        and first.month == second.day
    )
