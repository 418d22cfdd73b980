"""The one source of time: aware datetimes and dates, frozen in tests with time-machine.

UTC throughout (USE_TZ, TIME_ZONE "UTC"), read without Django so the offline check starts
without it.
"""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().date()
