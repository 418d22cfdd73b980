"""Read the operations summaries into the dashboard's tables, filtered and aggregated in SQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from lifeline.adjudication.enums import Outcome
from lifeline.analytics.models import Metric, OperationsSnapshot, SummaryRow
from lifeline.analytics.operations.measures import (
    agreement_share,
    cohens_kappa,
    nearest_rank_percentile,
)
from lifeline.analytics.operations.summaries import AGE_BUCKETS, OLDEST_AGE_BUCKET
from lifeline.intake.enums import RequestStatus
from lifeline.parole.models import TOTAL_PERIOD
from lifeline.triage.enums import UrgencyLevel

AGE_LABELS = (*(label for label, _last in AGE_BUCKETS), OLDEST_AGE_BUCKET)
SLA_STATES = ("on_time", "near_breach", "breached", "paused")
# Metrics whose rows carry a program, office and urgency; the others ignore those filters.
_CASE_METRICS = frozenset(
    {Metric.BACKLOG, Metric.SLA, Metric.DECIDED, Metric.DAYS_TO_DECISION, Metric.REVIEW_PAIR}
)
# Metrics counted per month (the others per week starting Monday).
_MONTHLY_METRICS = frozenset({Metric.DAYS_TO_DECISION})


@dataclass(frozen=True)
class DashboardFilters:
    program: str = ""
    office: str = ""
    urgency: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Table:
    """One dashboard table: what the page shows and what CSV and Parquet exports contain."""

    slug: str
    caption: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""
    chart: dict[str, Any] | None = field(default=None, compare=False)


def latest_snapshot() -> OperationsSnapshot | None:
    return OperationsSnapshot.objects.order_by("-computed_at", "-pk").first()


def list_offices(snapshot: OperationsSnapshot) -> list[str]:
    """Offices of the submitted requests' cases (a few summary rows per program)."""
    rows = SummaryRow.objects.filter(snapshot=snapshot, metric=Metric.REQUESTS).exclude(office="")
    return list(rows.order_by("office").values_list("office", flat=True).distinct())


def list_programs(snapshot: OperationsSnapshot) -> list[str]:
    rows = SummaryRow.objects.filter(snapshot=snapshot, metric=Metric.REQUESTS)
    return list(rows.order_by("program").values_list("program", flat=True).distinct())


def _rows(
    snapshot: OperationsSnapshot, metric: Metric, filters: DashboardFilters
) -> QuerySet[SummaryRow]:
    rows = SummaryRow.objects.filter(snapshot=snapshot, metric=metric)
    if metric in _CASE_METRICS:
        for name in ("program", "office", "urgency"):
            if value := getattr(filters, name):
                rows = rows.filter(**{name: value})
        if filters.date_from:
            start = filters.date_from
            if metric in _MONTHLY_METRICS:
                start = start.replace(day=1)
            else:
                start -= dt.timedelta(days=start.weekday())  # the Monday of its week
            rows = rows.filter(period__gte=start)
        if filters.date_to:
            rows = rows.filter(period__lte=filters.date_to)
    return rows


def _sums(rows: QuerySet[SummaryRow], *keys: str) -> list[dict[str, Any]]:
    return list(
        rows.values(*keys)
        .annotate(
            total=Sum("count"), late=Sum("late_count"), evidence=Sum("evidence_request_count")
        )
        .order_by(*keys)
    )


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def backlog_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.BACKLOG, filters), "program", "category", "age_bucket"):
        cells[(row["program"], row["category"])][row["age_bucket"]] = row["total"]
    statuses = dict(RequestStatus.choices)
    rows = [
        (
            program,
            statuses.get(status, status),
            *(ages.get(age, 0) for age in AGE_LABELS),
            sum(ages.values()),
        )
        for (program, status), ages in sorted(cells.items())
    ]
    by_program: dict[str, Counter[str]] = defaultdict(Counter)
    for (program, _status), ages in cells.items():
        by_program[program].update(ages)
    programs = sorted(by_program)
    chart = {
        "type": "bar",
        "stacked": True,
        "labels": programs,
        "datasets": [
            {
                "label": _("%(age)s days") % {"age": age},
                "data": [by_program[program][age] for program in programs],
            }
            for age in AGE_LABELS
        ],
        "y_title": _("Open requests"),
    }
    return Table(
        slug="backlog",
        caption=_("Open requests by program, status and age in days since submission"),
        columns=(
            _("Program"),
            _("Status"),
            *(_("%(age)s days") % {"age": age} for age in AGE_LABELS),
            _("Total"),
        ),
        rows=rows,
        chart=chart,
    )


def throughput_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    weeks: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.DECIDED, filters), "period", "category"):
        weeks[row["period"]][row["category"]] = row["total"]
    outcomes = [outcome.value for outcome in Outcome]
    rows = [
        (week, *(counts.get(o, 0) for o in outcomes), sum(counts.values()))
        for week, counts in sorted(weeks.items())
    ]
    chart = {
        "type": "bar",
        "stacked": True,
        "labels": [week.isoformat() for week in weeks],
        "datasets": [
            {"label": str(outcome.label), "data": [row[i + 1] for row in rows]}
            for i, outcome in enumerate(Outcome)
        ],
        "y_title": _("Decisions"),
    }
    return Table(
        slug="throughput",
        caption=_("Decisions in effect per week (week starting Monday)"),
        columns=(_("Week of"), *(str(outcome.label) for outcome in Outcome), _("Total")),
        rows=rows,
        chart=chart,
    )


def time_to_decision_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    histograms: dict[str, dict[int, int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.DAYS_TO_DECISION, filters), "urgency", "days"):
        histograms[row["urgency"]][row["days"]] = row["total"]
    levels = [(level.value, str(level.label)) for level in UrgencyLevel] + [("", _("Not triaged"))]
    rows = [
        (
            label,
            sum(histograms[level].values()),
            nearest_rank_percentile(histograms[level], 0.5),
            nearest_rank_percentile(histograms[level], 0.9),
        )
        for level, label in levels
        if level in histograms
    ]
    chart = {
        "type": "bar",
        "stacked": False,
        "labels": [row[0] for row in rows],
        "datasets": [
            {"label": _("Median days"), "data": [row[2] for row in rows]},
            {"label": _("90th percentile days"), "data": [row[3] for row in rows]},
        ],
        "y_title": _("Days from submission to decision"),
    }
    return Table(
        slug="time-to-decision",
        caption=_("Days from submission to decision by urgency (nearest-rank, whole days)"),
        columns=(_("Urgency"), _("Decisions"), _("Median days"), _("90th percentile days")),
        rows=rows,
        chart=chart,
    )


def sla_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    states: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.SLA, filters), "program", "category"):
        states[row["program"]][row["category"]] = row["total"]
    decided = {
        row["program"]: (row["total"], row["late"])
        for row in _sums(_rows(snapshot, Metric.DECIDED, filters), "program")
    }
    rows = []
    for program in sorted(set(states) | set(decided)):
        total, late = decided.get(program, (0, 0))
        counts = states.get(program, {})
        rows.append(
            (program, *(counts.get(s, 0) for s in SLA_STATES), total, late, _share(late, total))
        )
    return Table(
        slug="sla",
        caption=_(
            "SLA: open cases on time, near a breach (last fifth), breached or paused; "
            "decisions that came after the SLA was due"
        ),
        columns=(
            _("Program"),
            _("Open, on time"),
            _("Open, near breach"),
            _("Open, breached"),
            _("Open, paused"),
            _("Decided"),
            _("Decided late"),
            _("Late %"),
        ),
        rows=rows,
    )


def evidence_request_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    rows = [
        (row["program"], row["total"], row["evidence"], _share(row["evidence"], row["total"]))
        for row in _sums(_rows(snapshot, Metric.DECIDED, filters), "program")
    ]
    return Table(
        slug="evidence-requests",
        caption=_("Decided requests that needed an evidence request"),
        columns=(_("Program"), _("Decided"), _("With an evidence request"), _("Rate %")),
        rows=rows,
    )


def cap_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    rows_qs = _rows(snapshot, Metric.CAP, filters)
    if filters.date_from:
        start = filters.date_from.replace(day=1)
        rows_qs = rows_qs.filter(period__gte=start) | rows_qs.filter(period=TOTAL_PERIOD)
    if filters.date_to:
        rows_qs = rows_qs.filter(period__lte=filters.date_to)
    rows = [
        (
            row.category,
            _("total") if row.period == TOTAL_PERIOD else row.period.strftime("%Y-%m"),
            row.count,
            row.cap_limit,
            _share(row.count, row.cap_limit),
        )
        for row in rows_qs.order_by("category", "period")
        if row.period is not None
    ]
    monthly = [row for row in rows if row[1] != _("total")]
    chart = {
        "type": "bar",
        "stacked": False,
        "labels": [f"{row[0]} {row[1]}" for row in monthly],
        "datasets": [{"label": _("Use %"), "data": [row[4] for row in monthly]}],
        "y_title": _("Share of the cap used (%)"),
    }
    return Table(
        slug="caps",
        caption=_("Cap use by month: travel authorizations counted against each cap"),
        columns=(_("Cap"), _("Month"), _("Used"), _("Limit"), _("Use %")),
        rows=rows,
        note=_(
            "Caps are shared across programs: the program, office and urgency filters do not apply."
        ),
        chart=chart if monthly else None,
    )


def integrity_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    columns = (
        _("Program"),
        _("Submitted requests"),
        _("Flagged requests"),
        _("Flagged %"),
        _("Open flags"),
        _("Confirmed flags"),
        _("Dismissed flags"),
    )
    caption = _("Integrity flags: requests with an open or confirmed flag, and flags by status")
    if not snapshot.has_integrity_flags:
        return Table(
            slug="integrity-flags",
            caption=caption,
            columns=columns,
            rows=[],
            note=_(
                "No integrity flag store yet: flag rates appear here once the integrity app "
                "records flags."
            ),
        )
    requests = {
        row["program"]: row["total"]
        for row in _sums(_rows(snapshot, Metric.REQUESTS, filters), "program")
    }
    flags: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.INTEGRITY_FLAGS, filters), "program", "category"):
        flags[row["program"]][row["category"]] = row["total"]
    programs = sorted(set(requests) | set(flags))
    if filters.program:
        programs = [program for program in programs if program == filters.program]
    rows = []
    for program in programs:
        counts = flags.get(program, {})
        flagged, total = counts.get("flagged_requests", 0), requests.get(program, 0)
        rows.append(
            (
                program,
                total,
                flagged,
                _share(flagged, total),
                *(counts.get(status, 0) for status in ("open", "confirmed", "dismissed")),
            )
        )
    return Table(
        slug="integrity-flags",
        caption=caption,
        columns=columns,
        rows=rows,
        note=_("All time; the office, urgency and date filters do not apply."),
    )


def _agreement_table(
    snapshot: OperationsSnapshot, filters: DashboardFilters, *, by: str, slug: str, caption: str
) -> Table:
    pairs: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for row in _sums(_rows(snapshot, Metric.REVIEW_PAIR, filters), by, "category"):
        first, _sep, second = row["category"].partition("|")
        pairs[row[by]][(first, second)] = row["total"]
    rows = []
    for key, counts in sorted(pairs.items()):
        kappa = cohens_kappa(counts)
        share = agreement_share(counts)
        rows.append(
            (
                key,
                sum(counts.values()),
                None if share is None else round(100 * share, 1),
                None if kappa is None else round(kappa, 3),
            )
        )
    return Table(
        slug=slug,
        caption=caption,
        columns=(
            _("Program") if by == "program" else _("Officer"),
            _("Second reviews"),
            _("Agreement %"),
            _("Cohen's kappa"),
        ),
        rows=rows,
        note=_("Kappa is empty when it is not defined (every outcome the same on both sides)."),
    )


def agreement_by_program_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    return _agreement_table(
        snapshot,
        filters,
        by="program",
        slug="agreement-by-program",
        caption=_("Blind second review agreement by program (Cohen's kappa)"),
    )


def agreement_by_officer_table(snapshot: OperationsSnapshot, filters: DashboardFilters) -> Table:
    return _agreement_table(
        snapshot,
        filters,
        by="officer",
        slug="agreement-by-officer",
        caption=_("Blind second review agreement by first officer (Cohen's kappa)"),
    )


TABLES: dict[str, Callable[[OperationsSnapshot, DashboardFilters], Table]] = {
    "backlog": backlog_table,
    "throughput": throughput_table,
    "time-to-decision": time_to_decision_table,
    "sla": sla_table,
    "evidence-requests": evidence_request_table,
    "caps": cap_table,
    "integrity-flags": integrity_table,
    "agreement-by-program": agreement_by_program_table,
    "agreement-by-officer": agreement_by_officer_table,
}


def dashboard_tables(snapshot: OperationsSnapshot, filters: DashboardFilters) -> list[Table]:
    return [build(snapshot, filters) for build in TABLES.values()]
