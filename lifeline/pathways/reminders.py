"""Which pathway reminders fall due on a date: one per person, deadline and offset (90, 30 and
7 days before a window closes, parole ends or a work permit expires). Pure: no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from lifeline.pathways.answers import PathwayAnswer

OFFSETS_DAYS = (90, 30, 7)
DeadlineKind = Literal["parole_ends", "work_permit_expires", "window_closes"]
# When several deadlines fall on one date, the reminder names the first kind in this order.
_KIND_ORDER: tuple[DeadlineKind, ...] = ("parole_ends", "work_permit_expires", "window_closes")


@dataclass(frozen=True)
class Deadline:
    on: dt.date
    kind: DeadlineKind
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    deadline: Deadline
    offset_days: int
    days_left: int

    def key(self, person_id: int) -> str:
        """Unique per person, deadline date and offset: a moved date is a new deadline."""
        return f"pathways:{person_id}:{self.deadline.on.isoformat()}:{self.offset_days}d"


def deadlines_of(answer: PathwayAnswer) -> list[Deadline]:
    """The dates ahead to act by: parole's end, and the safe date or window close of each option
    the person can still act on (whatever information or review it awaits), merged when they
    fall on the same day. The re-parole window's opening is left to the parole sweep's own
    notice."""
    found: dict[dt.date, list[tuple[DeadlineKind, str]]] = {}
    # Parole not known to be in force (a governing event was last checked before the date) still
    # has the end date of its record: the person is reminded of it rather than left unwarned.
    ends_on = answer.parole.ends_on
    if answer.parole.in_force is not False and ends_on is not None and ends_on >= answer.as_of:
        found.setdefault(ends_on, []).append(("parole_ends", "parole"))
    for option in answer.options:
        due_on = option.act_by(answer.as_of)
        if due_on is None:
            continue
        kind: DeadlineKind = (
            "work_permit_expires" if option.code == "employment_authorization" else "window_closes"
        )
        found.setdefault(due_on, []).append((kind, option.code))
    return [
        Deadline(
            on=on,
            kind=min((kind for kind, _ in entries), key=_KIND_ORDER.index),
            codes=tuple(code for _, code in entries),
        )
        for on, entries in sorted(found.items())
    ]


def due_reminders(answer: PathwayAnswer, *, on: dt.date) -> list[Reminder]:
    """For each deadline ahead, the reminder whose offset has been reached: the smallest offset
    at or above the days left (so a missed day, or a date moved closer, still gets one)."""
    due = []
    for deadline in deadlines_of(answer):
        days_left = (deadline.on - on).days
        reached = [offset for offset in OFFSETS_DAYS if 0 <= days_left <= offset]
        if reached:
            due.append(Reminder(deadline, min(reached), days_left))
    return due
