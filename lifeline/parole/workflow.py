"""The parole-term state machine: every allowed move of a term and who makes it."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.core.state_machine import TransitionTable
from lifeline.parole.enums import TermStatus as T
from lifeline.parole.models import ParoleTerm

SYSTEM = "system"
APPLICANT_ROLES = frozenset({UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE})
OFFICER = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})

# (from, to) -> roles. The fee is paid by the applicant side or an officer; travel is
# authorized, lapses and the term ends on its date by the system; arrival and departure are
# recorded by officers; a program termination (a supervisor) ends terms not yet arrived; a
# court order on the policy timeline that blocks the termination which ended a term reopens it
# (the system).
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (T.FEE_DUE, T.WAITING_FOR_CAP): APPLICANT_ROLES | OFFICER,
    (T.FEE_DUE, T.ENDED): SUPERVISOR,
    (T.WAITING_FOR_CAP, T.TRAVEL_AUTHORIZED): frozenset({SYSTEM}),
    (T.WAITING_FOR_CAP, T.ACTIVE): frozenset({SYSTEM}),
    (T.WAITING_FOR_CAP, T.ENDED): SUPERVISOR,
    (T.TRAVEL_AUTHORIZED, T.ACTIVE): OFFICER,
    (T.TRAVEL_AUTHORIZED, T.TRAVEL_AUTHORIZATION_EXPIRED): frozenset({SYSTEM}),
    (T.TRAVEL_AUTHORIZED, T.ENDED): SUPERVISOR,
    (T.ACTIVE, T.ENDED): OFFICER | {SYSTEM},
    (T.ENDED, T.ACTIVE): frozenset({SYSTEM}),
}

TABLE = TransitionTable(noun="parole record", choices=T, moves=TRANSITIONS)


def check(term: ParoleTerm, to_status: str, *, role: str) -> None:
    """Refuse the move before anything else happens (a payment is charged only if allowed)."""
    if term.status != to_status:
        TABLE.check(term.status, to_status, role)


def move(term: ParoleTerm, to_status: str, *, role: str) -> str:
    """Set the term's status (in memory) if the table allows it; returns the one it left.
    Staying where it is (waiting for another month) is not a move and always passes."""
    from_status = term.status
    check(term, to_status, role=role)
    term.status = to_status
    return from_status
