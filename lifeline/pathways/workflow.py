"""The timeline-change state machine: a timeline is reviewed (again, after any edit) and a
reviewed one is published by a program administrator, once."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.core.state_machine import TransitionTable
from lifeline.pathways.models import TimelineChange
from lifeline.pathways.models import TimelineChangeStatus as S

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.REVIEWING, S.REVIEWED): frozenset({UserRole.PROGRAM_ADMINISTRATOR}),
    (S.REVIEWED, S.REVIEWING): frozenset({UserRole.PROGRAM_ADMINISTRATOR}),
    (S.REVIEWED, S.PUBLISHED): frozenset({UserRole.PROGRAM_ADMINISTRATOR}),
    (S.REVIEWING, S.FAILED): frozenset({UserRole.PROGRAM_ADMINISTRATOR}),
    (S.FAILED, S.REVIEWING): frozenset({UserRole.PROGRAM_ADMINISTRATOR}),
}

TABLE = TransitionTable(noun="timeline change", choices=S, moves=TRANSITIONS)


def move(change: TimelineChange, to_status: str, *, role: str) -> str:
    """Set the change's status (in memory) if the table allows it; returns the one it left."""
    from_status = change.status
    TABLE.check(from_status, to_status, role)
    change.status = to_status
    return from_status
