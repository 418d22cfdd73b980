"""The request status machine: every allowed move and the roles that may make it."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.core.state_machine import TransitionTable
from lifeline.intake.enums import RequestStatus as S

SYSTEM = "system"
APPLICANT_ROLES = frozenset({UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE})
OFFICER = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})
PROGRAM_OFFICE = frozenset({UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR})

# (from, to) -> roles allowed to make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.SUBMITTED): APPLICANT_ROLES,
    (S.DRAFT, S.WITHDRAWN): APPLICANT_ROLES,
    (S.SUBMITTED, S.PRESCREENED): frozenset({SYSTEM}),
    (S.SUBMITTED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.SUBMITTED, S.PROGRAM_WITHDRAWN): PROGRAM_OFFICE,
    (S.PRESCREENED, S.IN_REVIEW): OFFICER | {SYSTEM},
    (S.PRESCREENED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.PRESCREENED, S.ADMINISTRATIVELY_CLOSED): OFFICER,
    (S.PRESCREENED, S.PROGRAM_WITHDRAWN): PROGRAM_OFFICE,
    (S.IN_REVIEW, S.EVIDENCE_REQUESTED): OFFICER,
    (S.IN_REVIEW, S.DECISION_PENDING_SIGNOFF): OFFICER,
    (S.IN_REVIEW, S.APPROVED): OFFICER,
    (S.IN_REVIEW, S.DENIED): OFFICER,
    (S.IN_REVIEW, S.ADMINISTRATIVELY_CLOSED): OFFICER,
    (S.IN_REVIEW, S.WITHDRAWN): APPLICANT_ROLES,
    (S.IN_REVIEW, S.PROGRAM_WITHDRAWN): PROGRAM_OFFICE,
    (S.EVIDENCE_REQUESTED, S.IN_REVIEW): OFFICER | {SYSTEM},
    (S.EVIDENCE_REQUESTED, S.DECISION_PENDING_SIGNOFF): OFFICER,
    (S.EVIDENCE_REQUESTED, S.DENIED): OFFICER,
    (S.EVIDENCE_REQUESTED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.EVIDENCE_REQUESTED, S.PROGRAM_WITHDRAWN): PROGRAM_OFFICE,
    (S.DECISION_PENDING_SIGNOFF, S.APPROVED): SUPERVISOR,
    (S.DECISION_PENDING_SIGNOFF, S.DENIED): SUPERVISOR,
    (S.DECISION_PENDING_SIGNOFF, S.IN_REVIEW): SUPERVISOR,
}

TABLE = TransitionTable(noun="request", choices=S, moves=TRANSITIONS)

FINAL_STATUSES = frozenset(
    {S.APPROVED, S.DENIED, S.ADMINISTRATIVELY_CLOSED, S.WITHDRAWN, S.PROGRAM_WITHDRAWN}
)
# The program office may withdraw a request still waiting for a decision (not one whose
# decision waits for sign-off: the supervisor returns it first).
PROGRAM_WITHDRAWABLE = TABLE.sources_to(S.PROGRAM_WITHDRAWN, UserRole.SUPERVISOR)
PENDING_STATUSES = frozenset(
    {S.SUBMITTED, S.PRESCREENED, S.IN_REVIEW, S.EVIDENCE_REQUESTED, S.DECISION_PENDING_SIGNOFF}
)


def roles_allowed(from_status: str, to_status: str) -> frozenset[str]:
    return TABLE.roles_allowed(from_status, to_status)


def can_move(from_status: str, to_status: str, role: str) -> bool:
    return TABLE.can_move(from_status, to_status, role)


def check(from_status: str, to_status: str, role: str) -> None:
    """Refuse a request move the table does not allow for this role."""
    TABLE.check(from_status, to_status, role)
