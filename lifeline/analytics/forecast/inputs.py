"""Read the forecast's inputs from the database: backlog, recent arrivals and decisions, caps."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.utils import timezone

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus, Outcome
from lifeline.adjudication.models import Decision
from lifeline.analytics.forecast.model import CapLimit, ForecastInputs, ProgramFlow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.parole.caps import count_used
from lifeline.programs.registry import get_registry

OBSERVED_FLOWS_SECONDS = 600
# Requests waiting for an officer's decision (a decision pending sign-off is already made).
WAITING_FOR_DECISION = (
    RequestStatus.SUBMITTED,
    RequestStatus.PRESCREENED,
    RequestStatus.IN_REVIEW,
    RequestStatus.EVIDENCE_REQUESTED,
)


@dataclass(frozen=True)
class ObservedFlows:
    """What the last weeks looked like, before any what-if change."""

    programs: tuple[ProgramFlow, ...]
    active_officers: int
    decisions_per_officer_per_day: float
    caps: tuple[CapLimit, ...]
    decision_share: dict[str, float]  # of recent decisions, by program
    history_weeks: int
    counted_on: dt.date


@dataclass(frozen=True)
class FlowCounts:
    """The counts the observed flows are worked out from (what the hourly refresh stores)."""

    backlog: dict[str, int]  # by program: requests waiting for a decision
    arrivals: dict[str, int]  # by program: submitted in the window
    decided: dict[str, int]  # by program: decisions in the window (programs with any)
    approved: dict[str, int]  # by program: approvals in the window
    deciders: int  # officers who decided in the window
    active_officers: int
    history_weeks: int
    counted_on: dt.date


def count_flows(*, today: dt.date, history_weeks: int = 8) -> FlowCounts:
    """Backlog by program now, arrivals and decisions over the last `history_weeks`."""
    window_ends_at = timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    )
    window_starts_at = window_ends_at - dt.timedelta(days=history_weeks * 7)
    backlog = _count_by_program(
        ParoleRequest.objects.filter(status__in=WAITING_FOR_DECISION), "program"
    )
    arrivals = _count_by_program(
        ParoleRequest.objects.filter(
            submitted_at__gte=window_starts_at, submitted_at__lt=window_ends_at
        ),
        "program",
    )
    decided: Counter[str] = Counter()
    approved: Counter[str] = Counter()
    deciders = set()
    recent = (
        Decision.objects.filter(
            status__in=DecisionStatus.values,  # lets the (status, decided_at) index serve the range
            decided_at__gte=window_starts_at,
            decided_at__lt=window_ends_at,
        )
        .values_list("request__program", "outcome", "officer_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    for program, outcome, officer_id, count in recent:
        decided[program] += count
        approved[program] += count if outcome == Outcome.APPROVE else 0
        deciders.add(officer_id)
    return FlowCounts(
        backlog=backlog,
        arrivals=arrivals,
        decided=dict(decided),
        approved={name: count for name, count in approved.items() if count},
        deciders=len(deciders),
        active_officers=User.objects.filter(role=UserRole.OFFICER, is_active=True).count(),
        history_weeks=history_weeks,
        counted_on=today,
    )


def observed_flows_from_counts(counts: FlowCounts) -> ObservedFlows:
    """Rates per day from the counts, for every program of the registry; the caps in force on
    the day counted, with their used counts read now (the cap counters are a few rows)."""
    days = counts.history_weeks * 7
    recent_count = sum(counts.decided.values())
    overall_rate = sum(counts.approved.values()) / recent_count if recent_count else 0.0
    names = sorted(set(get_registry().programs()) | set(counts.backlog) | set(counts.arrivals))
    programs = tuple(
        ProgramFlow(
            program=name,
            backlog=counts.backlog.get(name, 0),
            arrivals_per_day=counts.arrivals.get(name, 0) / days,
            approval_rate=counts.approved.get(name, 0) / counts.decided[name]
            if name in counts.decided
            else overall_rate,
        )
        for name in names
    )
    return ObservedFlows(
        programs=programs,
        active_officers=counts.active_officers,
        decisions_per_officer_per_day=recent_count / counts.deciders / days
        if counts.deciders
        else 0.0,
        caps=_caps_in_force(counts.counted_on),
        decision_share={name: count / recent_count for name, count in counts.decided.items()},
        history_weeks=counts.history_weeks,
        counted_on=counts.counted_on,
    )


def get_observed_flows(*, today: dt.date, history_weeks: int = 8) -> ObservedFlows:
    """The observed flows counted now (the counts scan the requests and decisions tables)."""
    return observed_flows_from_counts(count_flows(today=today, history_weeks=history_weeks))


def get_cached_observed_flows(*, today: dt.date, history_weeks: int = 8) -> ObservedFlows:
    """The observed flows, read at most every OBSERVED_FLOWS_SECONDS (the counts scan the
    requests and decisions tables; rates over weeks barely move in minutes)."""
    key = f"analytics:observed-flows:{today.isoformat()}:{history_weeks}"
    observed = cache.get(key)
    if not isinstance(observed, ObservedFlows):
        observed = get_observed_flows(today=today, history_weeks=history_weeks)
        cache.set(key, observed, OBSERVED_FLOWS_SECONDS)
    return observed


def _count_by_program(queryset: QuerySet[Any], field: str) -> dict[str, int]:
    rows = queryset.values(field).annotate(count=Count("id")).order_by()
    return {row[field]: row["count"] for row in rows}


def _caps_in_force(today: dt.date) -> tuple[CapLimit, ...]:
    return tuple(
        CapLimit(
            cap_id=cap_id,
            period=shared.cap.period,
            limit=shared.cap.limit,
            programs=shared.programs,
            used=count_used(shared.cap, today),
        )
        for cap_id, shared in sorted(get_registry().caps_in_force(today).items())
    )


@dataclass(frozen=True)
class WhatIf:
    """Changes to the observed flows; None keeps what was observed."""

    program: str | None = None
    officers: float | None = None
    decisions_per_officer_per_day: float | None = None
    arrivals_change_percent: float = 0.0
    horizon_days: int = 365
    interval_level: float = 0.8


def default_officers(observed: ObservedFlows, program: str | None) -> float:
    """All active officers, or for one program their share by its recent decisions."""
    if program is None:
        return float(observed.active_officers)
    return round(observed.active_officers * observed.decision_share.get(program, 0.0), 1)


def build_forecast_inputs(observed: ObservedFlows, what_if: WhatIf) -> ForecastInputs:
    """The simulation's inputs: observed flows with the what-if applied (programs with neither
    backlog nor arrivals left out; caps keep only the programs forecast)."""
    factor = 1.0 + what_if.arrivals_change_percent / 100.0
    flows = tuple(
        replace(flow, arrivals_per_day=flow.arrivals_per_day * factor)
        for flow in observed.programs
        if (what_if.program is None or flow.program == what_if.program)
        and (flow.backlog > 0 or flow.arrivals_per_day > 0)
    )
    names = {flow.program for flow in flows}
    caps = tuple(
        replace(cap, programs=tuple(p for p in cap.programs if p in names))
        for cap in observed.caps
        if names & set(cap.programs)
    )
    officers = what_if.officers
    rate = what_if.decisions_per_officer_per_day
    return ForecastInputs(
        programs=flows,
        officers=default_officers(observed, what_if.program) if officers is None else officers,
        decisions_per_officer_per_day=observed.decisions_per_officer_per_day
        if rate is None
        else rate,
        start_on=observed.counted_on,
        horizon_days=what_if.horizon_days,
        caps=caps,
        interval_level=what_if.interval_level,
    )
