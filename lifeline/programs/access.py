"""Who may change program policy."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User


def can_publish_program_version(user: User) -> bool:
    return bool(user.is_active and user.role == UserRole.PROGRAM_ADMINISTRATOR)
