"""Refresh the consistency summary from the decisions in effect, counted into cells by the
database: the model's report, the funnel's limits and reason-code counts (one transaction,
audited)."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone
from scipy import special, stats

from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus, Outcome
from lifeline.adjudication.models import Decision
from lifeline.analytics.consistency.io import DecisionColumns, decision_rows_from_table
from lifeline.analytics.consistency.models import ConsistencySnapshot
from lifeline.analytics.consistency.periods import (
    DEFAULT_PERIOD,
    QUARTER,
    YEAR,
    ConsistencyPeriod,
)
from lifeline.analytics.consistency.report import (
    ConsistencyAnalysis,
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)
from lifeline.analytics.errors import DecisionTableInvalid
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.core import clock

COVARIATES = ("program", "category", "nationality", "urgency", "representation")
FUNNEL_LEVELS = (0.95, 0.998)
_COLUMNS = DecisionColumns(
    group=("group",),
    adjudicator="officer",
    decisions="decisions",
    grants="grants",
    covariates=COVARIATES,
)
_PERIOD_START = {QUARTER: TruncQuarter, YEAR: TruncYear}


def _decisions_on_the_merits(period: ConsistencyPeriod) -> QuerySet[Decision]:
    """Approvals and denials in effect (closures are not decisions on the merits)."""
    decisions = Decision.objects.filter(
        status=DecisionStatus.IN_EFFECT, outcome__in=[Outcome.APPROVE, Outcome.DENY]
    )
    if period.starts_on is not None and period.ends_on is not None:
        decisions = decisions.filter(
            decided_at__gte=_start_of(period.starts_on),
            decided_at__lt=_start_of(period.ends_on + dt.timedelta(days=1)),
        )
    return decisions


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _decision_cells(period: ConsistencyPeriod) -> pa.Table:
    """Decisions and grants per group (office and period), officer and case mix, counted by
    the database (a few thousand cells instead of every decision)."""
    truncate = _PERIOD_START.get(period.scheme)
    cells = (
        _decisions_on_the_merits(period)
        .annotate(
            cell_office=F("officer__office"),
            cell_period=truncate("decided_at") if truncate else Value(None, DateField()),
            cell_officer=F("officer__username"),
            cell_program=F("request__program"),
            cell_category=F("request__category"),
            cell_nationality=KeyTextTransform("0", "request__beneficiary__citizenships"),
            cell_urgency=F("request__triage__urgency_level"),
            cell_represented=Case(
                When(request__representative__isnull=False, then=Value(True)),
                default=Value(False),
            ),
        )
        .values_list(
            "cell_office",
            "cell_period",
            "cell_officer",
            "cell_program",
            "cell_category",
            "cell_nationality",
            "cell_urgency",
            "cell_represented",
        )
        .annotate(decisions=Count("id"), grants=Count("id", filter=Q(outcome=Outcome.APPROVE)))
        .order_by()
    )
    columns: dict[str, list[Any]] = {
        name: [] for name in ("group", "officer", *COVARIATES, "decisions", "grants")
    }
    for (
        office,
        period_start,
        officer,
        program,
        category,
        nationality,
        urgency,
        represented,
        decisions,
        grants,
    ) in cells:
        columns["group"].append(period.group_label(office or "no office", _day(period_start)))
        columns["officer"].append(officer)
        columns["program"].append(program)
        columns["category"].append(category)
        columns["nationality"].append(nationality or "unknown")
        columns["urgency"].append(urgency or "untriaged")
        columns["representation"].append("represented" if represented else "alone")
        columns["decisions"].append(decisions)
        columns["grants"].append(grants)
    return pa.table(columns)


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def funnel_chart(analysis: ConsistencyAnalysis) -> dict[str, Any]:
    """The funnel plot as data: adjusted rates by caseload, and limits widened for the spread
    between ordinary adjudicators (as consistency/plot.py draws them)."""
    funnel, pairs = analysis.funnel, analysis.pairs
    centre_logit = analysis.fit.typical_case_logit
    centre = float(special.expit(centre_logit))
    caseload = pairs.decisions
    # The funnel drawn a little beyond the smallest and largest caseloads.
    grid = np.geomspace(max(float(caseload.min()) / 2, 1.0), float(caseload.max()) * 2, 40)
    sampling = 1.0 / (grid * centre * (1.0 - centre))
    spread = funnel.flagging_sd_logit
    limits = []
    for level in FUNNEL_LEVELS:
        z = float(stats.norm.ppf(0.5 + level / 2))
        width = z * np.sqrt(spread**2 + sampling)
        limits.append(
            {
                "level": level,
                "low": special.expit(centre_logit - width).round(4).tolist(),
                "high": special.expit(centre_logit + width).round(4).tolist(),
            }
        )
    adjusted = special.expit(centre_logit + funnel.log_odds_ratio)
    return {
        "centre": round(centre, 4),
        "caseload": grid.round(1).tolist(),
        "limits": limits,
        "adjusted_rate": adjusted.round(4).tolist(),
        "decisions": caseload.astype(int).tolist(),
        "labels": [
            f"{analysis.cells.adjudicator_labels[a]} ({analysis.cells.group_labels[g]})"
            for g, a in zip(pairs.group_index, pairs.adjudicator_index, strict=True)
        ],
        "flagged": funnel.is_flagged.tolist(),
        "tested": funnel.is_tested.tolist(),
    }


def _reason_code_cells() -> list[dict[str, Any]]:
    """Decisions and reason-code counts by month and program, for the drift page (the database
    counts decisions per month, program and list of codes; the few lists are expanded here)."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    rows = (
        Decision.objects.filter(status=DecisionStatus.IN_EFFECT)
        .annotate(month=TruncMonth("decided_at"), program=F("request__program"))
        .values_list("month", "program", "reason_codes")
        .annotate(decisions=Count("id"))
        .order_by()
    )
    for month, program, codes, decisions in rows:
        key = (month.date().isoformat() if hasattr(month, "date") else str(month), program)
        cell = cells.setdefault(
            key, {"month": key[0], "program": program, "decisions": 0, "codes": Counter()}
        )
        cell["decisions"] += decisions
        for code in codes or []:
            cell["codes"][code] += decisions
    return [
        {**cell, "codes": dict(sorted(cell["codes"].items()))}
        for _key, cell in sorted(cells.items())
    ]


@transaction.atomic
def refresh_consistency_summary(
    *,
    actor: User | None = None,
    options: ConsistencyOptions | None = None,
    period: ConsistencyPeriod = DEFAULT_PERIOD,
) -> ConsistencySnapshot:
    """Analyse every approval and denial in effect, grouped by office and `period`. The daily
    refresh (default period) replaces every snapshot; another period replaces only its own."""
    started = time.perf_counter()
    table = _decision_cells(period)
    decisions = int(pc.sum(table["decisions"]).as_py() or 0)
    report: dict[str, Any] | None = None
    problem = ""
    try:
        if decisions == 0:
            raise DecisionTableInvalid(
                "no approvals or denials in effect were decided in these dates"
                if period.starts_on
                else "no approvals or denials are in effect yet"
            )
        rows = decision_rows_from_table(table, _COLUMNS, "the decisions in effect")
        analysis = analyse_consistency(rows, options=options or ConsistencyOptions())
        report = build_report(analysis) | {"funnel": funnel_chart(analysis)}
    except DecisionTableInvalid as error:
        problem = str(error)[:300]
    snapshot = ConsistencySnapshot.objects.create(
        computed_at=clock.now(),
        period=period.key,
        duration_ms=round(1000 * (time.perf_counter() - started)),
        decisions=decisions,
        report=report,
        problem=problem,
        reason_codes=_reason_code_cells() if period == DEFAULT_PERIOD else [],
    )
    stale = ConsistencySnapshot.objects.exclude(pk=snapshot.pk)
    if period != DEFAULT_PERIOD:
        stale = stale.filter(period=period.key)
    stale.delete()
    record_audit_event(
        actor=actor,
        action=AuditAction.ANALYTICS_CONSISTENCY_REFRESHED,
        stream="analytics:consistency",
        subject_type="consistency_snapshot",
        subject_id=snapshot.pk,
        details={
            "period": snapshot.period,
            "decisions": snapshot.decisions,
            "duration_ms": snapshot.duration_ms,
            "problem": problem,
        },
    )
    return snapshot


def get_latest_consistency_snapshot(
    period: ConsistencyPeriod = DEFAULT_PERIOD,
) -> ConsistencySnapshot | None:
    return (
        ConsistencySnapshot.objects.filter(period=period.key)
        .order_by("-computed_at", "-pk")
        .first()
    )
