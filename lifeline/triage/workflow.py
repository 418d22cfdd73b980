"""The queue-entry state machine: every allowed move of a case in the queue and who makes it."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.core.state_machine import TransitionTable
from lifeline.triage.enums import QueueState as Q
from lifeline.triage.models import CaseTriage

SYSTEM = "system"
OFFICER = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})

# (from, to) -> roles. Anything not listed is refused. A case leaves the queue (done) only
# when its request becomes final, which the system records.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Q.QUEUED, Q.ASSIGNED): OFFICER,
    (Q.QUEUED, Q.DONE): frozenset({SYSTEM}),
    (Q.ASSIGNED, Q.QUEUED): OFFICER,
    (Q.ASSIGNED, Q.WAITING_FOR_EVIDENCE): OFFICER,
    (Q.ASSIGNED, Q.SECOND_REVIEW): OFFICER,
    (Q.ASSIGNED, Q.SIGNOFF): OFFICER,
    (Q.ASSIGNED, Q.DONE): frozenset({SYSTEM}),
    (Q.WAITING_FOR_EVIDENCE, Q.QUEUED): frozenset({SYSTEM}),
    (Q.WAITING_FOR_EVIDENCE, Q.DONE): frozenset({SYSTEM}),
    (Q.SECOND_REVIEW, Q.SIGNOFF): OFFICER,
    (Q.SECOND_REVIEW, Q.DONE): frozenset({SYSTEM}),
    (Q.SIGNOFF, Q.ASSIGNED): SUPERVISOR,
    (Q.SIGNOFF, Q.DONE): frozenset({SYSTEM}),
}

TABLE = TransitionTable(noun="case in the queue", choices=Q, moves=TRANSITIONS)


def move(case: CaseTriage, to_state: str, *, role: str) -> str:
    """Set the case's state (in memory) if the table allows it; returns the state it left.
    Staying where it is is not a move and always passes."""
    from_state = case.state
    if from_state != to_state:
        TABLE.check(from_state, to_state, role)
        case.state = to_state
    return from_state


def finish_cases(request_id: int) -> int:
    """The request became final: its case leaves the queue and its SLA clock stops."""
    return CaseTriage.objects.filter(
        request_id=request_id, state__in=TABLE.sources_to(Q.DONE, SYSTEM)
    ).update(state=Q.DONE, assigned_to=None, sla_paused_at=None)
