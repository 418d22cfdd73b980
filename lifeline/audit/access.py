"""Who may read the audit trail: active auditors only."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

# The stored value of the accounts app's auditor role. Audit sits beside accounts in the
# layer contract and may not import it; stored role values never change once migrated.
AUDITOR_ROLE = "auditor"


def can_browse_audit_trail(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and getattr(user, "role", None) == AUDITOR_ROLE
    )
