"""SLA clocks: hours from the policy per urgency, paused while an evidence request is open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NEAR_BREACH_SHARE = 0.2  # the last fifth of the allowed time is a near breach


@dataclass(frozen=True)
class SlaStatus:
    due_at: dt.datetime
    remaining: dt.timedelta
    is_paused: bool
    is_breached: bool
    is_near_breach: bool

    @property
    def label(self) -> str:
        if self.is_paused:
            return "paused"
        return (
            "breached" if self.is_breached else "near breach" if self.is_near_breach else "on time"
        )


def due_at(*, started_at: dt.datetime, hours: int, paused_seconds: int) -> dt.datetime:
    return started_at + dt.timedelta(hours=hours, seconds=paused_seconds)


def sla_status(
    *,
    started_at: dt.datetime,
    hours: int,
    paused_seconds: int,
    paused_at: dt.datetime | None,
    now: dt.datetime,
) -> SlaStatus:
    """Where the clock stands at `now`; while paused, time stands still at the pause."""
    paused_so_far = paused_seconds + (int((now - paused_at).total_seconds()) if paused_at else 0)
    due = due_at(started_at=started_at, hours=hours, paused_seconds=paused_so_far)
    remaining = due - now
    near = dt.timedelta(hours=hours * NEAR_BREACH_SHARE)
    return SlaStatus(
        due_at=due,
        remaining=remaining,
        is_paused=paused_at is not None,
        is_breached=paused_at is None and remaining < dt.timedelta(0),
        is_near_breach=paused_at is None and dt.timedelta(0) <= remaining <= near,
    )
