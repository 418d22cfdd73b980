"""The one source of time: aware datetimes and dates, frozen in tests with time-machine, and
replayed (set to a moment in the past) while the demo's history is written.

UTC throughout (USE_TZ, TIME_ZONE "UTC"), read without Django so the offline check starts
without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_replayed_at: ContextVar[dt.datetime | None] = ContextVar("replayed_at", default=None)


def now() -> dt.datetime:
    return _replayed_at.get() or dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().date()


@contextmanager
def replaying(moment: dt.datetime) -> Iterator[None]:
    """Inside the block, `now()` is `moment` (an aware datetime): the services write history."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("replaying() needs an aware datetime")
    token = _replayed_at.set(moment)
    try:
        yield
    finally:
        _replayed_at.reset(token)
