"""The user account with its role, consent to a representative, and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.core import clock
from lifeline.core.models import TimeStampedModel


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=UserRole.choices, default=UserRole.BENEFICIARY)
    preferred_language = models.CharField(max_length=10, default="en")
    office = models.CharField(max_length=64, blank=True)

    @property
    def is_agency_staff(self) -> bool:
        return self.role in STAFF_ROLES


class RepresentationConsent(TimeStampedModel):
    """A client lets an accredited representative file and track on their behalf."""

    representative = models.ForeignKey(User, on_delete=models.PROTECT, related_name="clients")
    client = models.ForeignKey(User, on_delete=models.PROTECT, related_name="representatives")
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["representative", "client"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_consent_per_pair",
            )
        ]


class ApiToken(models.Model):
    """A bearer token for an API client; only its SHA-256 is kept, never the token itself."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=clock.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
