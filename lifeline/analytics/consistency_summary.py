"""Refresh the consistency summary from the decisions in effect: the model's report, the funnel's
limits and reason-code counts by month and program (one transaction, audited)."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
from django.db import transaction
from django.db.models.functions import TruncMonth
from scipy import special, stats

from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus, Outcome
from lifeline.adjudication.models import Decision
from lifeline.analytics.consistency.io import DecisionColumns, decision_rows_from_table
from lifeline.analytics.consistency.report import (
    ConsistencyAnalysis,
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)
from lifeline.analytics.errors import DecisionTableInvalid
from lifeline.analytics.models_consistency import ConsistencySnapshot
from lifeline.audit.services import record_audit_event
from lifeline.core import clock

COVARIATES = ("program", "category", "nationality", "urgency", "representation")
FUNNEL_LEVELS = (0.95, 0.998)
_COLUMNS = DecisionColumns(
    group=("office",), adjudicator="officer", outcome="outcome", covariates=COVARIATES
)


def _decision_table() -> pa.Table:
    """Approvals and denials in effect, one row per decision (closures are not on the merits)."""
    rows = Decision.objects.filter(
        status=DecisionStatus.IN_EFFECT, outcome__in=[Outcome.APPROVE, Outcome.DENY]
    ).values_list(
        "officer__office",
        "officer__username",
        "outcome",
        "request__program",
        "request__category",
        "request__beneficiary__citizenships",
        "request__triage__urgency_level",
        "request__representative_id",
    )
    columns: dict[str, list[str]] = {name: [] for name in ("office", "officer", "outcome")}
    columns.update({name: [] for name in COVARIATES})
    for (
        office,
        officer,
        outcome,
        program,
        category,
        citizenships,
        urgency,
        representative,
    ) in rows.iterator(chunk_size=5000):
        columns["office"].append(office or "no office")
        columns["officer"].append(officer)
        columns["outcome"].append(outcome)
        columns["program"].append(program)
        columns["category"].append(category)
        columns["nationality"].append(citizenships[0] if citizenships else "unknown")
        columns["urgency"].append(urgency or "untriaged")
        columns["representation"].append("represented" if representative else "alone")
    return pa.table(columns)


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
    """Decisions and reason-code counts by month and program, for the drift page."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    rows = (
        Decision.objects.filter(status=DecisionStatus.IN_EFFECT)
        .annotate(month=TruncMonth("decided_at"))
        .values_list("month", "request__program", "reason_codes")
    )
    for month, program, codes in rows.iterator(chunk_size=5000):
        key = (month.date().isoformat() if hasattr(month, "date") else str(month), program)
        cell = cells.setdefault(
            key, {"month": key[0], "program": program, "decisions": 0, "codes": Counter()}
        )
        cell["decisions"] += 1
        cell["codes"].update(codes or [])
    return [
        {**cell, "codes": dict(sorted(cell["codes"].items()))}
        for _key, cell in sorted(cells.items())
    ]


@transaction.atomic
def refresh_consistency_summary(
    *, actor: User | None = None, options: ConsistencyOptions | None = None
) -> ConsistencySnapshot:
    """Analyse every approval and denial in effect; keep only the newest snapshot."""
    started = time.perf_counter()
    table = _decision_table()
    report: dict[str, Any] | None = None
    problem = ""
    try:
        if table.num_rows == 0:
            raise DecisionTableInvalid("no approvals or denials are in effect yet")
        rows = decision_rows_from_table(table, _COLUMNS, "the decisions in effect")
        analysis = analyse_consistency(rows, options=options or ConsistencyOptions())
        report = build_report(analysis) | {"funnel": funnel_chart(analysis)}
    except DecisionTableInvalid as error:
        problem = str(error)[:300]
    snapshot = ConsistencySnapshot.objects.create(
        computed_at=clock.now(),
        duration_ms=round(1000 * (time.perf_counter() - started)),
        decisions=table.num_rows,
        report=report,
        problem=problem,
        reason_codes=_reason_code_cells(),
    )
    ConsistencySnapshot.objects.exclude(pk=snapshot.pk).delete()
    record_audit_event(
        actor=actor,
        action="analytics.consistency_refreshed",
        stream="analytics:consistency",
        subject_type="consistency_snapshot",
        subject_id=snapshot.pk,
        details={
            "decisions": snapshot.decisions,
            "duration_ms": snapshot.duration_ms,
            "problem": problem,
        },
    )
    return snapshot


def get_latest_consistency_snapshot() -> ConsistencySnapshot | None:
    return ConsistencySnapshot.objects.order_by("-computed_at", "-pk").first()
