"""Every (from, to) queue-state pair for every role, through the service that moves a case."""

from __future__ import annotations

import itertools

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core import clock
from lifeline.core.errors import TransitionNotAllowed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.tests.factories import make_request, make_user
from lifeline.triage import workflow
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import move_case

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a, b in itertools.product(QueueState.values, repeat=2) if a != b]
ROLES = [*UserRole.values, workflow.SYSTEM]


def _case(state: str) -> CaseTriage:
    request = make_request(status=RequestStatus.IN_REVIEW)
    now = clock.now()
    return CaseTriage.objects.create(
        request=request,
        program=request.program,
        state=state,
        urgency_score=10,
        urgency_level="standard",
        assessed_at=now,
        sla_hours=240,
        sla_started_at=now,
        sla_due_at=now,
    )


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_each_queue_state_pair_is_allowed_only_for_the_roles_in_the_table(
    from_state: str, to_state: str
) -> None:
    allowed = workflow.TABLE.roles_allowed(from_state, to_state)
    officer = make_user(UserRole.OFFICER)
    for role in ROLES:
        case = _case(from_state)
        events = AuditEvent.objects.count()
        if role in allowed:
            moved = move_case(request_id=case.request_id, state=to_state, role=role)
            assert moved.state == to_state
            case.refresh_from_db()
            assert case.state == to_state
        else:
            with pytest.raises(TransitionNotAllowed):
                move_case(request_id=case.request_id, state=to_state, role=role, officer=officer)
            case.refresh_from_db()
            assert (case.state, case.assigned_to_id) == (from_state, None)
            assert AuditEvent.objects.count() == events


def test_a_decided_case_never_goes_back_to_the_queue() -> None:
    assert workflow.TABLE.final_states() == {QueueState.DONE}


def test_a_final_request_takes_its_case_out_of_the_queue_from_any_waiting_state() -> None:
    cases = [_case(state) for state in QueueState.values if state != QueueState.DONE]
    for case in cases:
        case.sla_paused_at = clock.now()
        case.save(update_fields=["sla_paused_at"])
        assert workflow.finish_cases(case.request_id) == 1
        case.refresh_from_db()
        assert (case.state, case.sla_paused_at) == (QueueState.DONE, None)
    assert workflow.finish_cases(cases[0].request_id) == 0
