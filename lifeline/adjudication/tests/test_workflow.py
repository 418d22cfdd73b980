"""Every (from, to) pair of decision and evidence-request statuses for every role."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.adjudication import workflow
from lifeline.adjudication.enums import DecisionStatus, EvidenceRequestStatus
from lifeline.adjudication.models import Decision, EvidenceRequest
from lifeline.audit.models import AuditEvent
from lifeline.core import clock
from lifeline.core.errors import TransitionNotAllowed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.tests.factories import make_request, make_user

pytestmark = pytest.mark.django_db

ROLES = [*UserRole.values, workflow.SYSTEM]


def _pairs(values: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.product(values, repeat=2) if a != b]


def _decision(status: str) -> Decision:
    request = make_request(status=RequestStatus.IN_REVIEW)
    return Decision.objects.create(
        request=request,
        officer=make_user(UserRole.OFFICER),
        outcome="approve",
        reason_codes=[],
        rubric_scores={},
        rationale="Recorded for a transition test.",
        program_version="test",
        request_version=1,
        status=status,
        decided_at=clock.now(),
    )


def _evidence_request(status: str) -> EvidenceRequest:
    request = make_request(status=RequestStatus.EVIDENCE_REQUESTED)
    return EvidenceRequest.objects.create(
        request=request,
        officer=make_user(UserRole.OFFICER),
        items=[],
        free_text="The hospital letter.",
        due_on=dt.date(2027, 1, 1),
        status=status,
    )


@pytest.mark.parametrize(("from_status", "to_status"), _pairs(DecisionStatus.values))
def test_each_decision_status_pair_is_allowed_only_for_the_roles_in_the_table(
    from_status: str, to_status: str
) -> None:
    allowed = workflow.DECISIONS.roles_allowed(from_status, to_status)
    for role in ROLES:
        decision = _decision(from_status)
        events = AuditEvent.objects.count()
        if role in allowed:
            assert workflow.move_decision(decision, to_status, role=role) == from_status
            decision.save(update_fields=["status"])
            decision.refresh_from_db()
            assert decision.status == to_status
        else:
            with pytest.raises(TransitionNotAllowed):
                workflow.move_decision(decision, to_status, role=role)
            assert decision.status == from_status
            decision.refresh_from_db()
            assert decision.status == from_status
            assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("from_status", "to_status"), _pairs(EvidenceRequestStatus.values))
def test_each_evidence_request_status_pair_is_allowed_only_for_the_roles_in_the_table(
    from_status: str, to_status: str
) -> None:
    allowed = workflow.EVIDENCE_REQUESTS.roles_allowed(from_status, to_status)
    for role in ROLES:
        asked = _evidence_request(from_status)
        if role in allowed:
            workflow.move_evidence_request(asked, to_status, role=role)
            asked.save(update_fields=["status"])
            asked.refresh_from_db()
            assert asked.status == to_status
        else:
            with pytest.raises(TransitionNotAllowed):
                workflow.move_evidence_request(asked, to_status, role=role)
            asked.refresh_from_db()
            assert asked.status == from_status


def test_returned_and_in_effect_decisions_and_closed_evidence_requests_are_final() -> None:
    assert workflow.DECISIONS.final_states() == {DecisionStatus.RETURNED, DecisionStatus.IN_EFFECT}
    assert workflow.EVIDENCE_REQUESTS.final_states() == {
        EvidenceRequestStatus.ANSWERED,
        EvidenceRequestStatus.EXPIRED,
        EvidenceRequestStatus.CANCELLED,
    }


def test_only_open_evidence_requests_of_the_request_are_cancelled() -> None:
    open_one = _evidence_request(EvidenceRequestStatus.OPEN)
    answered = EvidenceRequest.objects.create(
        request=open_one.request,
        officer=open_one.officer,
        items=[],
        due_on=dt.date(2027, 1, 1),
        status=EvidenceRequestStatus.ANSWERED,
    )
    other = _evidence_request(EvidenceRequestStatus.OPEN)
    assert workflow.cancel_evidence_requests(open_one.request_id) == [open_one.pk]
    statuses = {
        row.pk: row.status
        for row in EvidenceRequest.objects.filter(pk__in=[open_one.pk, answered.pk, other.pk])
    }
    assert statuses == {
        open_one.pk: EvidenceRequestStatus.CANCELLED,
        answered.pk: EvidenceRequestStatus.ANSWERED,
        other.pk: EvidenceRequestStatus.OPEN,
    }
