"""Roles a user can hold in Lifeline."""

from django.db import models


class UserRole(models.TextChoices):
    BENEFICIARY = "beneficiary", "Beneficiary"
    SUPPORTER = "supporter", "Supporter"
    REPRESENTATIVE = "representative", "Representative"
    OFFICER = "officer", "Officer"
    SUPERVISOR = "supervisor", "Supervisor"
    INTEGRITY_ANALYST = "integrity_analyst", "Integrity analyst"
    PROGRAM_ADMINISTRATOR = "program_administrator", "Program administrator"
    AUDITOR = "auditor", "Auditor"


PUBLIC_ROLES = frozenset({UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE})
STAFF_ROLES = frozenset(set(UserRole) - PUBLIC_ROLES)
