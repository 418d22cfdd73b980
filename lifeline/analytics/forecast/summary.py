"""The forecast's counts kept with the operations summaries, so the page reads a few rows."""

from __future__ import annotations

import datetime as dt

from lifeline.analytics.forecast.inputs import (
    FlowCounts,
    ObservedFlows,
    count_flows,
    get_cached_observed_flows,
    observed_flows_from_counts,
)
from lifeline.analytics.models import Metric, OperationsSnapshot, SummaryRow

_BY_PROGRAM = ("backlog", "arrivals", "decided", "approved")
_DECIDERS = "deciders"
_ACTIVE_OFFICERS = "active_officers"


def summarise_flows(snapshot: OperationsSnapshot, *, today: dt.date) -> None:
    """Count the forecast's flows as of `today` into rows of `snapshot` (metric `flows`):
    counts by program and name, the officers' two counts, and the window in `days`."""
    counts = count_flows(today=today)
    days = counts.history_weeks * 7
    rows = [
        SummaryRow(
            snapshot=snapshot,
            metric=Metric.FLOWS,
            program=program,
            category=name,
            period=counts.counted_on,
            days=days,
            count=count,
        )
        for name in _BY_PROGRAM
        for program, count in getattr(counts, name).items()
    ]
    rows += [
        SummaryRow(
            snapshot=snapshot,
            metric=Metric.FLOWS,
            category=name,
            period=counts.counted_on,
            days=days,
            count=count,
        )
        for name, count in (
            (_DECIDERS, counts.deciders),
            (_ACTIVE_OFFICERS, counts.active_officers),
        )
    ]
    SummaryRow.objects.bulk_create(rows)


def get_refreshed_flow_counts() -> FlowCounts | None:
    """The counts of the newest operations snapshot; None before its first refresh."""
    snapshot = OperationsSnapshot.objects.order_by("-computed_at", "-pk").first()
    if snapshot is None:
        return None
    rows = SummaryRow.objects.filter(snapshot=snapshot, metric=Metric.FLOWS).values_list(
        "program", "category", "period", "days", "count"
    )
    by_program: dict[str, dict[str, int]] = {name: {} for name in _BY_PROGRAM}
    totals: dict[str, int] = {}
    counted_on, days = None, None
    for program, name, period, window_days, count in rows:
        counted_on, days = period, window_days
        if name in by_program:
            by_program[name][program] = count
        else:
            totals[name] = count
    if counted_on is None or days is None:
        return None
    return FlowCounts(
        **by_program,
        deciders=totals.get(_DECIDERS, 0),
        active_officers=totals.get(_ACTIVE_OFFICERS, 0),
        history_weeks=days // 7,
        counted_on=counted_on,
    )


def get_forecast_flows(*, today: dt.date) -> ObservedFlows:
    """The flows counted by the last operations refresh (hourly); counted now (and cached for
    a few minutes) only while no refresh has stored them."""
    counts = get_refreshed_flow_counts()
    if counts is None:
        return get_cached_observed_flows(today=today)
    return observed_flows_from_counts(counts)
