"""The request status machine: every allowed move and the roles that may make it."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.intake.enums import RequestStatus as S

SYSTEM = "system"
APPLICANT_ROLES = frozenset({UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE})
OFFICER = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})

# (from, to) -> roles allowed to make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.SUBMITTED): APPLICANT_ROLES,
    (S.DRAFT, S.WITHDRAWN): APPLICANT_ROLES,
    (S.SUBMITTED, S.PRESCREENED): frozenset({SYSTEM}),
    (S.SUBMITTED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.PRESCREENED, S.IN_REVIEW): OFFICER | {SYSTEM},
    (S.PRESCREENED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.PRESCREENED, S.ADMINISTRATIVELY_CLOSED): OFFICER,
    (S.IN_REVIEW, S.EVIDENCE_REQUESTED): OFFICER,
    (S.IN_REVIEW, S.DECISION_PENDING_SIGNOFF): OFFICER,
    (S.IN_REVIEW, S.APPROVED): OFFICER,
    (S.IN_REVIEW, S.DENIED): OFFICER,
    (S.IN_REVIEW, S.ADMINISTRATIVELY_CLOSED): OFFICER,
    (S.IN_REVIEW, S.WITHDRAWN): APPLICANT_ROLES,
    (S.EVIDENCE_REQUESTED, S.IN_REVIEW): OFFICER | {SYSTEM},
    (S.EVIDENCE_REQUESTED, S.DECISION_PENDING_SIGNOFF): OFFICER,
    (S.EVIDENCE_REQUESTED, S.DENIED): OFFICER,
    (S.EVIDENCE_REQUESTED, S.WITHDRAWN): APPLICANT_ROLES,
    (S.DECISION_PENDING_SIGNOFF, S.APPROVED): SUPERVISOR,
    (S.DECISION_PENDING_SIGNOFF, S.DENIED): SUPERVISOR,
    (S.DECISION_PENDING_SIGNOFF, S.IN_REVIEW): SUPERVISOR,
}

FINAL_STATUSES = frozenset({S.APPROVED, S.DENIED, S.ADMINISTRATIVELY_CLOSED, S.WITHDRAWN})
PENDING_STATUSES = frozenset(
    {S.SUBMITTED, S.PRESCREENED, S.IN_REVIEW, S.EVIDENCE_REQUESTED, S.DECISION_PENDING_SIGNOFF}
)


def roles_allowed(from_status: str, to_status: str) -> frozenset[str]:
    return TRANSITIONS.get((from_status, to_status), frozenset())


def can_move(from_status: str, to_status: str, role: str) -> bool:
    return role in roles_allowed(from_status, to_status)
