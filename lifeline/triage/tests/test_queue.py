"""The queue: triage on submission, take next case by priority, filters, expedite, SLA clocks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from lifeline.audit.models import AuditEvent
from lifeline.core import clock
from lifeline.core.errors import Conflict, PermissionDenied, ValidationFailed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.tests.factories import make_user
from lifeline.triage import selectors, services
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.sla import sla_status
from lifeline.triage.tests.scenario import officer, submitted_request, supervisor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


CALM = {"urgency": {}, "narrative": "We would like to visit."}


def test_a_submitted_request_is_scored_and_queued_with_its_sla_from_the_policy() -> None:
    request = submitted_request()
    case = CaseTriage.objects.get(request=request)
    assert case.state == QueueState.QUEUED
    assert (case.urgency_score, case.urgency_level) == (55, "high")  # 40 + 5 (in 43 days) + 10
    assert case.sla_hours == 720  # general program: high urgency within 720 hours
    assert case.sla_due_at == request.submitted_at + dt.timedelta(hours=720)
    assert {f["code"] for f in case.factors} >= {"life_threatening", "treatment_unavailable"}
    assert AuditEvent.objects.filter(action="triage.assessed", subject_id=str(request.pk)).exists()


def test_take_next_case_gives_the_most_urgent_first_then_the_earliest_due() -> None:
    calm_early = submitted_request(**CALM)
    with time_machine.travel("2026-11-02 10:00:00Z", tick=False):
        urgent = submitted_request()
    with time_machine.travel("2026-11-02 11:00:00Z", tick=False):
        calm_late = submitted_request(**CALM)
    first, second, third = officer(), officer(), officer()
    order = [services.assign_next_case(officer=o).request_id for o in (first, second, third)]
    assert order == [urgent.pk, calm_early.pk, calm_late.pk]
    assert services.assign_next_case(officer=first) is None
    urgent.refresh_from_db()
    assert urgent.status == RequestStatus.IN_REVIEW
    case = CaseTriage.objects.get(request=urgent)
    assert (case.state, case.assigned_to) == (QueueState.ASSIGNED, first)


def test_queues_filter_by_program_office_and_urgency() -> None:
    urgent = submitted_request()  # general: routed to the Humanitarian Affairs Branch
    calm = submitted_request(**CALM)
    CaseTriage.objects.filter(request=calm).update(office="")  # any office
    reviewer = officer()
    assert services.assign_next_case(officer=reviewer, program="u4u") is None
    assert services.assign_next_case(officer=reviewer, urgency_level="critical") is None
    taken = services.assign_next_case(officer=reviewer, office="parole-processing")
    assert taken.request_id == calm.pk  # a case of no office is in every office's queue
    assert services.assign_next_case(officer=reviewer, office="parole-processing") is None
    taken = services.assign_next_case(officer=reviewer, office="humanitarian-affairs")
    assert taken.request_id == urgent.pk


def test_a_case_joins_the_queue_of_its_programs_office() -> None:
    request = submitted_request()
    assert CaseTriage.objects.get(request=request).office == "humanitarian-affairs"


def test_a_supervisor_routes_a_case_to_another_office_and_it_is_audited() -> None:
    request = submitted_request()
    boss = supervisor()
    services.route_case(supervisor=boss, request_id=request.pk, office="parole-processing")
    assert CaseTriage.objects.get(request=request).office == "parole-processing"
    event = AuditEvent.objects.get(action="triage.case_routed", subject_id=str(request.pk))
    moved = {"from_office": "humanitarian-affairs", "to_office": "parole-processing"}
    assert event.details == moved
    with pytest.raises(ValidationFailed, match="No office"):
        services.route_case(supervisor=boss, request_id=request.pk, office="atlantis")
    with pytest.raises(PermissionDenied):
        services.route_case(supervisor=officer(), request_id=request.pk, office="")


def test_only_officers_and_supervisors_take_cases() -> None:
    submitted_request()
    with pytest.raises(PermissionDenied):
        services.assign_next_case(officer=make_user("integrity_analyst"))


def test_a_supervisor_assigns_and_rebalances_and_the_workload_view_counts_it() -> None:
    request = submitted_request(
        urgency={"child_without_parent": True, "individually_targeted": True}
    )
    boss, alice, bob = supervisor(), officer(), officer()
    services.assign_case(supervisor=boss, request_id=request.pk, officer=alice)
    services.assign_case(supervisor=boss, request_id=request.pk, officer=bob)
    loads = {w.officer.username: w for w in selectors.list_workloads()}
    assert loads[bob.username].open_cases == 1 and loads[alice.username].open_cases == 0
    assert loads[bob.username].critical == 1
    with pytest.raises(PermissionDenied):
        services.assign_case(supervisor=alice, request_id=request.pk, officer=alice)


def test_an_officer_releases_a_case_back_to_the_queue() -> None:
    request = submitted_request()
    alice = officer()
    services.assign_next_case(officer=alice)
    services.release_case(officer=alice, request_id=request.pk)
    assert CaseTriage.objects.get(request=request).state == QueueState.QUEUED
    with pytest.raises(Conflict):
        services.release_case(officer=alice, request_id=request.pk)


def test_an_expedite_is_decided_with_a_reason_raises_priority_and_is_audited() -> None:
    request = submitted_request(**CALM)
    before = CaseTriage.objects.get(request=request)
    expedite = services.request_expedite(
        actor=request.filed_by, request_id=request.pk, reason="The surgery date moved up."
    )
    with pytest.raises(ValidationFailed):
        services.decide_expedite(
            actor=officer(), expedite_id=expedite.pk, is_granted=True, reason=""
        )
    services.decide_expedite(
        actor=officer(),
        expedite_id=expedite.pk,
        is_granted=True,
        reason="Hospital letter confirms surgery on 10 November.",
    )
    after = CaseTriage.objects.get(request=request)
    assert after.is_expedited and after.urgency_score == before.urgency_score + 20
    assert after.factors[-1]["code"] == "expedite_granted"
    event = AuditEvent.objects.get(action="triage.expedite_decided")
    assert event.details["granted"] is True and "Hospital letter" in event.details["reason"]
    with pytest.raises(Conflict):
        services.decide_expedite(
            actor=officer(),
            expedite_id=expedite.pk,
            is_granted=False,
            reason="Second thoughts on this one.",
        )


def test_the_sla_clock_pauses_while_evidence_is_open_and_resumes_after() -> None:
    request = submitted_request(**CALM)  # standard: 2160 hours for general parole
    services.assign_next_case(officer=officer())
    start = CaseTriage.objects.get(request=request)
    due_before = start.sla_due_at
    with time_machine.travel("2026-11-05 09:00:00Z", tick=False):
        services.pause_sla(request_id=request.pk, note="Evidence due", role="officer")
        paused = CaseTriage.objects.get(request=request)
        assert selectors.get_sla_status(paused).is_paused
    with time_machine.travel("2026-11-15 09:00:00Z", tick=False):
        status = selectors.get_sla_status(CaseTriage.objects.get(request=request))
        assert status.due_at == due_before + dt.timedelta(days=10)  # the clock stood still
        services.resume_sla(request_id=request.pk, note="New evidence arrived.")
    resumed = CaseTriage.objects.get(request=request)
    assert resumed.sla_paused_seconds == 10 * 24 * 3600
    assert resumed.sla_due_at == due_before + dt.timedelta(days=10)
    assert resumed.state == QueueState.QUEUED and resumed.assigned_to is None


@pytest.mark.parametrize(
    ("hours_left", "label"),
    [(100, "on time"), (14, "near breach"), (0, "near breach"), (-1, "breached")],
)
def test_breach_and_near_breach_follow_the_time_left(hours_left: int, label: str) -> None:
    now = clock.now()
    status = sla_status(
        started_at=now - dt.timedelta(hours=72 - hours_left),
        hours=72,
        paused_seconds=0,
        paused_at=None,
        now=now,
    )
    assert status.label == label
