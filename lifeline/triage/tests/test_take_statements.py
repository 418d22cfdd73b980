"""Taking a case writes every row it must, in the nine statements a hand-written version sends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lifeline.audit.models import AuditEvent, AuditEventPerson
from lifeline.audit.verification import verify_audit_trail
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest, RequestStatusChange
from lifeline.triage import services
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.tests.scenario import officer, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _statements(queries: CaptureQueriesContext) -> list[str]:
    """What reached the database, without the savepoint of the test's own transaction."""
    return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_taking_a_case_is_nine_statements() -> None:
    submitted_request()
    alice = officer()
    with CaptureQueriesContext(connection) as queries:
        services.assign_next_case(officer=alice)
    statements = _statements(queries)
    # case, its assignment; request lock, status and history; audit head, event, people, head.
    assert len(statements) == 9, "\n".join(statements)


def test_a_taken_case_has_its_assignment_move_history_and_chained_event() -> None:
    request = submitted_request()
    version = request.version
    alice = officer()
    case = services.assign_next_case(officer=alice)
    assert case is not None
    assert (case.request.reference, case.request.beneficiary_id) == (
        request.reference,
        request.beneficiary_id,
    )
    stored = CaseTriage.objects.get(pk=case.pk)
    assert (stored.state, stored.assigned_to_id) == (QueueState.ASSIGNED, alice.pk)
    assert stored.assigned_at is not None and stored.updated_at == stored.assigned_at
    moved = ParoleRequest.objects.get(pk=request.pk)
    assert (moved.status, moved.version) == (RequestStatus.IN_REVIEW, version + 1)
    change = RequestStatusChange.objects.filter(request=request).latest("id")
    assert (change.from_status, change.to_status, change.actor_id, change.actor_role) == (
        RequestStatus.PRESCREENED,
        RequestStatus.IN_REVIEW,
        alice.pk,
        alice.role,
    )
    assert change.occurred_at == moved.updated_at
    event = AuditEvent.objects.filter(stream=f"request:{request.pk}").latest("sequence")
    assert event.action == "request.in_review" and event.actor_id == alice.pk
    assert event.details["reason"] == change.reason
    assert set(
        AuditEventPerson.objects.filter(event=event).values_list("person_id", flat=True)
    ) == {request.beneficiary_id}
    assert verify_audit_trail().is_intact
