"""Refresh the operations summaries: one INSERT ... SELECT ... GROUP BY per metric."""

# The SQL is assembled from table names, enum values and fixed fragments only; every value
# from outside (snapshot id, the time now) travels as a query parameter.
# ruff: noqa: S608

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction

from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.models import Decision, EvidenceRequest, SecondReview
from lifeline.analytics.forecast.summary import summarise_flows
from lifeline.analytics.models import Metric, OperationsSnapshot, SummaryRow
from lifeline.analytics.operations.summary_sql import Dialect
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.core import clock
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.parole.models import CapCounter
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.sla import NEAR_BREACH_SHARE

OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.PRESCREENED,
    RequestStatus.IN_REVIEW,
    RequestStatus.EVIDENCE_REQUESTED,
    RequestStatus.DECISION_PENDING_SIGNOFF,
)
# (label, last day) of each backlog age bucket; older requests fall in OLDEST_AGE_BUCKET.
AGE_BUCKETS = (("0-7", 7), ("8-30", 30), ("31-90", 90), ("91-180", 180))
OLDEST_AGE_BUCKET = "181+"
# The integrity app's flag counts, read when (and only when) its flag store exists.
INTEGRITY_SELECTORS = "lifeline.integrity.selectors"
INTEGRITY_FLAG_COUNTS = "list_flag_counts_by_program"
INTEGRITY_COUNTS = ("open", "confirmed", "dismissed", "flagged_requests")

_REQUEST = ParoleRequest._meta.db_table
_TRIAGE = CaseTriage._meta.db_table
_DECISION = Decision._meta.db_table
_REVIEW = SecondReview._meta.db_table
_EVIDENCE = EvidenceRequest._meta.db_table
_USER = User._meta.db_table
_CAP = CapCounter._meta.db_table
_SUMMARY = SummaryRow._meta.db_table
_DECIDED_CASES = "analytics_decided_cases"  # a temporary table, for one refresh
_TEXT_COLUMNS = ("program", "office", "urgency", "category", "age_bucket", "officer")
_NULL_COLUMNS = ("period", "days")
_COUNT_COLUMNS = ("count", "late_count", "evidence_request_count", "cap_limit")
_EMPTY_VALUES = (
    dict.fromkeys(_TEXT_COLUMNS, "''")
    | dict.fromkeys(_NULL_COLUMNS, "NULL")
    | dict.fromkeys(_COUNT_COLUMNS, "0")
)
# Program, office and urgency of a request `r` and its triage row `t` (absent before triage).
_CASE_DIMENSIONS = (
    "r.program AS program, COALESCE(t.office, '') AS office, "
    "COALESCE(t.urgency_level, '') AS urgency"
)
_SUBMITTED = "COALESCE(r.submitted_at, r.created_at)"


def _insert_grouped(
    snapshot_id: int,
    metric: Metric,
    *,
    base_sql: str,
    dimensions: tuple[str, ...],
    aggregates: Mapping[str, str],
    params: Iterable[Any] = (),
) -> None:
    """INSERT the rows of `base_sql` (one per case) grouped by `dimensions`, with `aggregates`
    ({column: SQL aggregate}); other columns keep their empty value."""
    outputs: dict[str, str] = {}
    for column, empty in _EMPTY_VALUES.items():
        outputs[column] = column if column in dimensions else aggregates.get(column, empty)
    sql = (
        f"INSERT INTO {_SUMMARY} (snapshot_id, metric, {', '.join(outputs)}) "
        f"SELECT %s, %s, {', '.join(outputs.values())} FROM ({base_sql}) AS base "
        f"GROUP BY {', '.join(dimensions)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, metric.value, *params])


def _summarise_backlog(snapshot_id: int, dialect: Dialect, now: Any) -> None:
    """Open requests by program, office, urgency, status, age bucket and submission week."""
    buckets = " ".join(f"WHEN age_days <= {last} THEN '{label}'" for label, last in AGE_BUCKETS)
    statuses = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    open_requests = (
        f"SELECT {_CASE_DIMENSIONS}, r.status AS category, "
        f"{dialect.days_between('%s', _SUBMITTED)} AS age_days, "
        f"{dialect.week_start(_SUBMITTED)} AS period "
        f"FROM {_REQUEST} r LEFT JOIN {_TRIAGE} t ON t.request_id = r.id "
        f"WHERE r.status IN ({statuses})"
    )
    _insert_grouped(
        snapshot_id,
        Metric.BACKLOG,
        base_sql=(
            "SELECT program, office, urgency, category, period, "
            f"CASE {buckets} ELSE '{OLDEST_AGE_BUCKET}' END AS age_bucket "
            f"FROM ({open_requests}) AS open_requests"
        ),
        dimensions=("program", "office", "urgency", "category", "age_bucket", "period"),
        aggregates={"count": "COUNT(*)"},
        params=[now],
    )


def _summarise_sla(snapshot_id: int, dialect: Dialect, now: Any) -> None:
    """Cases not yet decided by SLA state (as `triage.sla` labels them) and submission week."""
    remaining = dialect.seconds_until("t.sla_due_at")
    near_seconds = 3600 * NEAR_BREACH_SHARE
    _insert_grouped(
        snapshot_id,
        Metric.SLA,
        base_sql=(
            f"SELECT {_CASE_DIMENSIONS}, {dialect.week_start(_SUBMITTED)} AS period, "
            "CASE WHEN t.sla_paused_at IS NOT NULL THEN 'paused' "
            f"WHEN {remaining} < 0 THEN 'breached' "
            f"WHEN {remaining} <= t.sla_hours * {near_seconds} THEN 'near_breach' "
            "ELSE 'on_time' END AS category "
            f"FROM {_TRIAGE} t JOIN {_REQUEST} r ON r.id = t.request_id "
            f"WHERE t.state <> '{QueueState.DONE}'"
        ),
        dimensions=("program", "office", "urgency", "period", "category"),
        aggregates={"count": "COUNT(*)"},
        params=[now, now],
    )


def _summarise_decisions(snapshot_id: int, dialect: Dialect) -> None:
    """Decisions in effect per week and outcome (with how many came after the SLA was due and
    how many requests had an evidence request on the way), and per month and whole days from
    submission. Decisions are joined to their requests and triage rows once, into a temporary
    table both read; it goes with the transaction if anything fails."""
    decided_cases = (
        f"SELECT {_CASE_DIMENSIONS}, d.outcome AS category, "
        f"{dialect.week_start('d.decided_at')} AS week, "
        f"{dialect.month_start('d.decided_at')} AS month, "
        f"{dialect.days_between('d.decided_at', _SUBMITTED)} AS days, "
        "CASE WHEN d.decided_at > t.sla_due_at THEN 1 ELSE 0 END AS is_late, "
        f"CASE WHEN EXISTS (SELECT 1 FROM {_EVIDENCE} e WHERE e.request_id = d.request_id) "
        "THEN 1 ELSE 0 END AS had_evidence_request "
        f"FROM {_DECISION} d JOIN {_REQUEST} r ON r.id = d.request_id "
        f"LEFT JOIN {_TRIAGE} t ON t.request_id = d.request_id "
        f"WHERE d.status = '{DecisionStatus.IN_EFFECT}'"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {_DECIDED_CASES} AS {decided_cases}")
    _insert_grouped(
        snapshot_id,
        Metric.DECIDED,
        base_sql=(
            "SELECT program, office, urgency, category, week AS period, is_late, "
            f"had_evidence_request FROM {_DECIDED_CASES}"
        ),
        dimensions=("program", "office", "urgency", "period", "category"),
        aggregates={
            "count": "COUNT(*)",
            "late_count": "SUM(is_late)",
            "evidence_request_count": "SUM(had_evidence_request)",
        },
    )
    _insert_grouped(
        snapshot_id,
        Metric.DAYS_TO_DECISION,
        # By month, not week: one row per day count is already the finest grain kept.
        base_sql=f"SELECT program, office, urgency, month AS period, days FROM {_DECIDED_CASES}",
        dimensions=("program", "office", "urgency", "period", "days"),
        aggregates={"count": "COUNT(*)"},
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {_DECIDED_CASES}")


def _summarise_second_reviews(snapshot_id: int, dialect: Dialect) -> None:
    """Pairs of outcomes (first officer's | blind reviewer's) per first officer and week."""
    _insert_grouped(
        snapshot_id,
        Metric.REVIEW_PAIR,
        base_sql=(
            f"SELECT {_CASE_DIMENSIONS}, u.username AS officer, "
            f"{dialect.week_start('s.submitted_at')} AS period, "
            "d.outcome || '|' || s.outcome AS category "
            f"FROM {_REVIEW} s JOIN {_DECISION} d ON d.id = s.decision_id "
            f"JOIN {_REQUEST} r ON r.id = d.request_id JOIN {_USER} u ON u.id = d.officer_id "
            f"LEFT JOIN {_TRIAGE} t ON t.request_id = d.request_id"
        ),
        dimensions=("program", "office", "urgency", "officer", "period", "category"),
        aggregates={"count": "COUNT(*)"},
    )


def _summarise_caps_and_requests(snapshot_id: int) -> None:
    _insert_grouped(
        snapshot_id,
        Metric.CAP,
        base_sql=(
            "SELECT cap_id AS category, period_start AS period, used, "
            f"{connection.ops.quote_name('limit')} AS cap_limit FROM {_CAP}"
        ),
        dimensions=("category", "period"),
        aggregates={"count": "SUM(used)", "cap_limit": "SUM(cap_limit)"},
    )
    # Also the short list of programs and offices the filter form offers.
    _insert_grouped(
        snapshot_id,
        Metric.REQUESTS,
        base_sql=(
            f"SELECT r.program AS program, COALESCE(t.office, '') AS office FROM {_REQUEST} r "
            f"LEFT JOIN {_TRIAGE} t ON t.request_id = r.id "
            f"WHERE r.status <> '{RequestStatus.DRAFT}'"
        ),
        dimensions=("program", "office"),
        aggregates={"count": "COUNT(*)"},
    )


def integrity_flag_counts() -> dict[str, dict[str, int]] | None:
    """Per program, flags by status and the number of flagged requests, from the integrity
    app's `list_flag_counts_by_program()`; None while that app has no flag store."""
    try:
        selectors = importlib.import_module(INTEGRITY_SELECTORS)
    except ModuleNotFoundError:
        return None
    list_counts = getattr(selectors, INTEGRITY_FLAG_COUNTS, None)
    if list_counts is None:
        return None
    return {
        str(program): {name: int(counts.get(name, 0)) for name in INTEGRITY_COUNTS}
        for program, counts in list_counts().items()
    }


@transaction.atomic
def refresh_operations_summaries(*, actor: User | None = None) -> OperationsSnapshot:
    """Compute a new snapshot of every operations summary and drop the older ones."""
    started = time.perf_counter()
    computed_at = clock.now()
    dialect = Dialect(connection.vendor)
    now = dialect.now_parameter(computed_at)
    flag_counts = integrity_flag_counts()
    if dialect.is_postgres:
        with connection.cursor() as cursor:
            # A few large hash aggregates: room in memory, and no JIT compile (seconds for
            # queries that run once).
            cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute("SET LOCAL jit = off")
    snapshot = OperationsSnapshot.objects.create(
        computed_at=computed_at,
        duration_ms=0,
        request_count=0,
        has_integrity_flags=flag_counts is not None,
    )
    _summarise_backlog(snapshot.pk, dialect, now)
    _summarise_sla(snapshot.pk, dialect, now)
    _summarise_decisions(snapshot.pk, dialect)
    _summarise_second_reviews(snapshot.pk, dialect)
    _summarise_caps_and_requests(snapshot.pk)
    summarise_flows(snapshot, today=clock.today())
    SummaryRow.objects.bulk_create(
        SummaryRow(
            snapshot=snapshot,
            metric=Metric.INTEGRITY_FLAGS,
            program=program,
            category=name,
            count=count,
        )
        for program, counts in (flag_counts or {}).items()
        for name, count in counts.items()
    )
    OperationsSnapshot.objects.exclude(pk=snapshot.pk).delete()
    if dialect.is_postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_SUMMARY}")  # fresh statistics for the pages' plans
    snapshot.request_count = sum(
        SummaryRow.objects.filter(snapshot=snapshot, metric=Metric.REQUESTS).values_list(
            "count", flat=True
        )
    )
    snapshot.duration_ms = round(1000 * (time.perf_counter() - started))
    snapshot.save(update_fields=["request_count", "duration_ms"])
    record_audit_event(
        actor=actor,
        action=AuditAction.ANALYTICS_SUMMARIES_REFRESHED,
        stream="analytics:operations",
        subject_type="operations_snapshot",
        subject_id=snapshot.pk,
        details={
            "computed_at": computed_at.isoformat(),
            "rows": SummaryRow.objects.filter(snapshot=snapshot).count(),
            "duration_ms": snapshot.duration_ms,
        },
    )
    return snapshot
