"""Caps on travel authorizations: one counter row per cap and month, locked while counting."""

from __future__ import annotations

import datetime as dt

from lifeline.parole.models import TOTAL_PERIOD, CapCounter
from lifeline.programs.policy_sections import Cap


def period_start(cap: Cap, on: dt.date) -> dt.date:
    return on.replace(day=1) if cap.period == "month" else TOTAL_PERIOD


def next_period_start(cap: Cap, on: dt.date) -> dt.date | None:
    """The first day of the next month for a monthly cap; a used-up total cap never reopens."""
    if cap.period != "month":
        return None
    first = on.replace(day=1)
    return (first + dt.timedelta(days=32)).replace(day=1)


def take_slot(cap: Cap, on: dt.date) -> bool:
    """Count one authorization under `cap` for the period of `on`; False when it is used up.

    Call inside a transaction: the counter row stays locked until it commits, so concurrent
    grants are counted one at a time and never pass the limit.
    """
    start = period_start(cap, on)
    counter = (
        CapCounter.objects.select_for_update().filter(cap_id=cap.id, period_start=start).first()
    )
    if counter is None:
        CapCounter.objects.bulk_create(
            [CapCounter(cap_id=cap.id, period_start=start, limit=cap.limit)], ignore_conflicts=True
        )
        counter = CapCounter.objects.select_for_update().get(cap_id=cap.id, period_start=start)
    if counter.used >= counter.limit:
        return False
    counter.used += 1
    counter.save(update_fields=["used"])
    return True


def count_used(cap: Cap, on: dt.date) -> int:
    counter = CapCounter.objects.filter(cap_id=cap.id, period_start=period_start(cap, on)).first()
    return counter.used if counter else 0
