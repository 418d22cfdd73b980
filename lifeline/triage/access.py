"""Who may work the queue: officers take cases; supervisors also assign, rebalance and expedite."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core.errors import PermissionDenied

CASEWORK_ROLES = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR_ROLES = frozenset({UserRole.SUPERVISOR})


def can_work_cases(user: User) -> bool:
    return user.is_active and user.role in CASEWORK_ROLES


def can_supervise(user: User) -> bool:
    return user.is_active and user.role in SUPERVISOR_ROLES


def require_caseworker(user: User) -> None:
    if not can_work_cases(user):
        raise PermissionDenied("Only officers and supervisors work cases.")


def require_supervisor(user: User) -> None:
    if not can_supervise(user):
        raise PermissionDenied("Only a supervisor may do that.")
