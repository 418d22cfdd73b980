"""The next day that is not a Saturday, Sunday or federal legal holiday, for deadlines that move."""

from __future__ import annotations

import datetime as dt

# The federal holidays listed on usa.gov ("American holidays"), each moved as 5 U.S.C. 6103
# is applied in 38 CFR 20.306: "When a holiday occurs on a Saturday, the Friday immediately
# before is the legal public holiday. When a holiday occurs on a Sunday, the Monday
# immediately after is the legal public holiday." Inauguration Day is left out (it is a
# holiday only in the Washington area).
_FIXED = ((1, 1), (6, 19), (7, 4), (11, 11), (12, 25))
# (month, weekday with Monday 0, which one: 1st, 2nd, 3rd, 4th, or -1 for the last)
_NTH_WEEKDAY = ((1, 0, 3), (2, 0, 3), (5, 0, -1), (9, 0, 1), (10, 0, 2), (11, 3, 4))
JUNETEENTH_FROM = 2021


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def federal_holidays(year: int) -> set[dt.date]:
    """The legal public holidays observed in `year`."""
    fixed = [
        dt.date(year, month, day)
        for month, day in _FIXED
        if (month, day) != (6, 19) or year >= JUNETEENTH_FROM
    ]
    return {_observed(day) for day in fixed} | {
        _nth_weekday(year, month, weekday, nth) for month, weekday, nth in _NTH_WEEKDAY
    }


def next_business_day(on: dt.date) -> dt.date:
    """`on`, or the next day that is neither a Saturday, a Sunday nor a legal holiday."""
    day = on
    while day.weekday() >= 5 or day in federal_holidays(day.year) | federal_holidays(day.year + 1):
        day += dt.timedelta(days=1)
    return day
