"""The decision and evidence-request state machines: every allowed move and who makes it."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.adjudication.enums import DecisionStatus as D
from lifeline.adjudication.enums import EvidenceRequestStatus as E
from lifeline.adjudication.models import Decision, EvidenceRequest
from lifeline.core.state_machine import TransitionTable

SYSTEM = "system"
OFFICER = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})

# A decision is recorded waiting for its blind second review; when none is sampled (or the
# reviewer is done) it goes to sign-off or takes effect. Returned and in effect are final.
DECISION_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (D.SECOND_REVIEW, D.PENDING_SIGNOFF): OFFICER,
    (D.SECOND_REVIEW, D.IN_EFFECT): OFFICER,
    (D.PENDING_SIGNOFF, D.IN_EFFECT): SUPERVISOR,
    (D.PENDING_SIGNOFF, D.RETURNED): SUPERVISOR,
}
DECISIONS = TransitionTable(noun="decision", choices=D, moves=DECISION_TRANSITIONS)

# An open evidence request is answered by new evidence, expires at its due date, or is
# cancelled when its request ends first; the system records all three, and all are final.
EVIDENCE_REQUEST_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (E.OPEN, E.ANSWERED): frozenset({SYSTEM}),
    (E.OPEN, E.EXPIRED): frozenset({SYSTEM}),
    (E.OPEN, E.CANCELLED): frozenset({SYSTEM}),
}
EVIDENCE_REQUESTS = TransitionTable(
    noun="evidence request", choices=E, moves=EVIDENCE_REQUEST_TRANSITIONS
)


def move_decision(decision: Decision, to_status: str, *, role: str) -> str:
    """Set the decision's status (in memory) if the table allows it; returns the one it left."""
    from_status = decision.status
    DECISIONS.check(from_status, to_status, role)
    decision.status = to_status
    return from_status


def move_evidence_request(evidence_request: EvidenceRequest, to_status: str, *, role: str) -> str:
    """Set the evidence request's status (in memory) if the table allows it."""
    from_status = evidence_request.status
    EVIDENCE_REQUESTS.check(from_status, to_status, role)
    evidence_request.status = to_status
    return from_status


def cancel_evidence_requests(request_id: int) -> list[int]:
    """The request ended: its open evidence requests are cancelled. Returns their ids."""
    cancellable = EvidenceRequest.objects.filter(
        request_id=request_id,
        status__in=EVIDENCE_REQUESTS.sources_to(E.CANCELLED, SYSTEM),
    )
    ids = list(cancellable.values_list("pk", flat=True))
    EvidenceRequest.objects.filter(pk__in=ids).update(status=E.CANCELLED)
    return ids
