"""The operations summaries agree with direct computations over the same small data set."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

import pytest

from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.models import Decision, EvidenceRequest, SecondReview
from lifeline.analytics.models import OperationsSnapshot
from lifeline.analytics.operations import dashboard, summaries
from lifeline.analytics.operations.dashboard import DashboardFilters
from lifeline.analytics.operations.measures import cohens_kappa
from lifeline.analytics.operations.summaries import refresh_operations_summaries
from lifeline.analytics.tests.operations_data import OPEN_STATUSES, build_operations_data
from lifeline.audit.models import AuditEvent
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.triage.enums import QueueState, UrgencyLevel
from lifeline.triage.models import CaseTriage
from lifeline.triage.sla import sla_status

pytestmark = pytest.mark.django_db
NO_FILTERS = DashboardFilters()


def _age_bucket(days: int) -> str:
    for label, last in (("0-7", 7), ("8-30", 30), ("31-90", 90), ("91-180", 180)):
        if days <= last:
            return label
    return "181+"


def _nearest_rank(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def _week(moment: dt.datetime) -> dt.date:
    day = moment.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def snapshot() -> OperationsSnapshot:
    build_operations_data()
    return refresh_operations_summaries()


def _triage(request: ParoleRequest) -> CaseTriage | None:
    return CaseTriage.objects.filter(request=request).first()


def _decisions() -> list[Decision]:
    return list(Decision.objects.filter(status=DecisionStatus.IN_EFFECT).select_related("request"))


def test_backlog_matches_the_open_requests(snapshot: OperationsSnapshot) -> None:
    expected: Counter[tuple[str, str, str]] = Counter()
    labels = dict(RequestStatus.choices)
    for request in ParoleRequest.objects.filter(status__in=OPEN_STATUSES):
        assert request.submitted_at is not None
        days = math.floor((snapshot.computed_at - request.submitted_at).total_seconds() / 86400)
        expected[(request.program, labels[request.status], _age_bucket(days))] += 1
    table = dashboard.backlog_table(snapshot, NO_FILTERS)
    ages = table.columns[2:-1]
    found: Counter[tuple[str, str, str]] = Counter()
    for program, status, *counts, total in table.rows:
        assert sum(counts) == total
        for age, count in zip(ages, counts, strict=True):
            if count:
                found[(program, status, age.removesuffix(" days"))] = count
    assert found == expected
    assert sum(expected.values()) > 10


def test_throughput_and_evidence_rates_match_the_decisions(
    snapshot: OperationsSnapshot,
) -> None:
    per_week: Counter[tuple[dt.date, str]] = Counter()
    evidence: Counter[str] = Counter()
    decided: Counter[str] = Counter()
    for decision in _decisions():
        per_week[(_week(decision.decided_at), decision.outcome)] += 1
        decided[decision.request.program] += 1
        if EvidenceRequest.objects.filter(request=decision.request).exists():
            evidence[decision.request.program] += 1
    rows = dashboard.throughput_table(snapshot, NO_FILTERS).rows
    found = Counter(
        {
            (week, outcome): count
            for week, *counts, _total in rows
            for outcome, count in zip(("approve", "deny", "close"), counts, strict=True)
            if count
        }
    )
    assert found == per_week
    evidence_rows = dashboard.evidence_request_table(snapshot, NO_FILTERS).rows
    assert {row[0]: (row[1], row[2]) for row in evidence_rows} == {
        program: (decided[program], evidence[program]) for program in decided
    }


def test_time_to_decision_median_and_p90_by_urgency(snapshot: OperationsSnapshot) -> None:
    days: dict[str, list[int]] = defaultdict(list)
    for decision in _decisions():
        triage = _triage(decision.request)
        level = triage.urgency_level if triage else ""
        assert decision.request.submitted_at is not None
        elapsed = decision.decided_at - decision.request.submitted_at
        days[level].append(math.floor(elapsed.total_seconds() / 86400))
    labels = dict(UrgencyLevel.choices) | {"": "Not triaged"}
    expected = {
        labels[level]: (len(values), _nearest_rank(values, 0.5), _nearest_rank(values, 0.9))
        for level, values in days.items()
    }
    rows = dashboard.time_to_decision_table(snapshot, NO_FILTERS).rows
    assert {row[0]: row[1:] for row in rows} == expected


def test_sla_states_match_the_triage_clock(snapshot: OperationsSnapshot) -> None:
    expected: dict[str, Counter[str]] = defaultdict(Counter)
    late: Counter[str] = Counter()
    for case in CaseTriage.objects.exclude(state=QueueState.DONE):
        status = sla_status(
            started_at=case.sla_started_at,
            hours=case.sla_hours,
            paused_seconds=case.sla_paused_seconds,
            paused_at=case.sla_paused_at,
            now=snapshot.computed_at,
        )
        expected[case.program][status.label.replace(" ", "_")] += 1
    for decision in _decisions():
        triage = _triage(decision.request)
        if triage and decision.decided_at > triage.sla_due_at:
            late[decision.request.program] += 1
    rows = dashboard.sla_table(snapshot, NO_FILTERS).rows
    for program, on_time, near, breached, paused, _decided, decided_late, _share in rows:
        counts = expected[program]
        assert (on_time, near, breached, paused) == (
            counts["on_time"],
            counts["near_breach"],
            counts["breached"],
            counts["paused"],
        )
        assert decided_late == late[program]


def test_kappa_by_officer_matches_the_second_reviews(snapshot: OperationsSnapshot) -> None:
    pairs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for review in SecondReview.objects.select_related("decision__officer"):
        pairs[review.decision.officer.username][(review.decision.outcome, review.outcome)] += 1
    rows = dashboard.agreement_by_officer_table(snapshot, NO_FILTERS).rows
    assert {row[0] for row in rows} == set(pairs)
    for officer, reviews, _agreement, kappa in rows:
        assert reviews == sum(pairs[officer].values())
        exact = cohens_kappa(pairs[officer])
        assert kappa == (None if exact is None else round(exact, 3))


def test_caps_show_each_month_and_the_total_caps(snapshot: OperationsSnapshot) -> None:
    rows = dashboard.cap_table(snapshot, NO_FILTERS).rows
    assert ("cam-total", "total", 120, 500, 24.0) in rows
    assert sorted(row[2] for row in rows if row[0] == "u4u-monthly") == [40, 100]


def test_program_and_date_filters_narrow_every_table(snapshot: OperationsSnapshot) -> None:
    only_u4u = DashboardFilters(program="u4u")
    assert {row[0] for row in dashboard.backlog_table(snapshot, only_u4u).rows} == {"u4u"}
    recent = DashboardFilters(date_from=snapshot.computed_at.date() - dt.timedelta(days=30))
    weeks = [row[0] for row in dashboard.throughput_table(snapshot, recent).rows]
    assert weeks and min(weeks) >= recent.date_from - dt.timedelta(days=6)  # type: ignore[operator]
    all_weeks = [row[0] for row in dashboard.throughput_table(snapshot, NO_FILTERS).rows]
    assert len(weeks) < len(all_weeks)


def test_a_refresh_replaces_the_previous_snapshot_and_is_audited(
    snapshot: OperationsSnapshot,
) -> None:
    newer = refresh_operations_summaries()
    assert list(OperationsSnapshot.objects.values_list("pk", flat=True)) == [newer.pk]
    assert dashboard.latest_snapshot() == newer
    assert AuditEvent.objects.filter(action="analytics.summaries_refreshed").count() == 2
    assert newer.request_count == ParoleRequest.objects.exclude(status="draft").count()


def test_integrity_flag_rates_come_from_the_integrity_selector(
    snapshot: OperationsSnapshot,
) -> None:
    table = dashboard.integrity_table(snapshot, NO_FILTERS)
    if not snapshot.has_integrity_flags:
        assert table.rows == [] and "No integrity flag store" in table.note
        return
    requests = Counter(
        ParoleRequest.objects.exclude(status="draft").values_list("program", flat=True)
    )
    assert {row[0]: row[1] for row in table.rows} == dict(requests)
    assert all(row[2:] == (0, 0.0, 0, 0, 0) for row in table.rows)  # no flag in this data set


def test_without_a_flag_store_the_page_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summaries, "INTEGRITY_SELECTORS", "lifeline.integrity.no_such_module")
    snapshot = refresh_operations_summaries()
    table = dashboard.integrity_table(snapshot, NO_FILTERS)
    assert not snapshot.has_integrity_flags
    assert table.rows == [] and "No integrity flag store" in table.note


def test_office_filter_and_choices_cover_open_and_decided_cases(
    snapshot: OperationsSnapshot,
) -> None:
    offices = set(CaseTriage.objects.exclude(office="").values_list("office", flat=True))
    assert dashboard.list_offices(snapshot) == sorted(offices)
    kyiv = DashboardFilters(office="Kyiv")
    expected = Counter(
        d.outcome
        for d in _decisions()
        if (triage := _triage(d.request)) is not None and triage.office == "Kyiv"
    )
    rows = dashboard.throughput_table(snapshot, kyiv).rows
    found = Counter(
        {
            outcome: sum(row[i + 1] for row in rows)
            for i, outcome in enumerate(("approve", "deny", "close"))
        }
    )
    assert +found == expected
