"""One day of the demo's history on the replayed clock: each action a minute or so after the
one before, so the audit trail reads in the order things happened."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from lifeline.core import clock

OPENS_AT = 9


class ReplayDay:
    def __init__(self, day: dt.date, rng: random.Random) -> None:
        self.day, self.rng = day, rng
        self.moment = self._start_of(OPENS_AT)

    def _start_of(self, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.day, dt.time(hour)))

    def move_to(self, hour: int) -> None:
        """Jump to `hour` (never back: a busy morning may run past it)."""
        self.moment = max(self.moment, self._start_of(hour))

    def midnight(self) -> dt.datetime:
        return self._start_of(0)

    def closing(self) -> dt.datetime:
        """The last minute of the day, after every action of it."""
        return self._start_of(23) + dt.timedelta(minutes=59)

    @contextmanager
    def step(self) -> Iterator[None]:
        """The next action, on the clock a little after the last one."""
        self.moment += dt.timedelta(seconds=self.rng.randint(30, 240))
        with clock.replaying(self.moment):
            yield
