"""The notice: what was said to whom, its PDF, its verification code and any revocation."""

from __future__ import annotations

from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.models import TimeStampedModel
from lifeline.intake.models import ParoleRequest
from lifeline.notices.enums import NoticeKind


class Notice(TimeStampedModel):
    """A PDF notice with a verification code; the public page shows only issuer, date, kind and
    whether it is valid or revoked."""

    request = models.ForeignKey(ParoleRequest, on_delete=models.PROTECT, related_name="notices")
    key = models.CharField(max_length=80, unique=True, help_text="What the notice is for.")
    kind = models.CharField(max_length=24, choices=NoticeKind.choices)
    language = models.CharField(max_length=10)
    verification_code = models.CharField(max_length=24, unique=True)
    issuer = models.CharField(max_length=120)
    issued_at = models.DateTimeField()
    context = models.JSONField(help_text="What the notice says, as rendered.")
    storage_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    def __str__(self) -> str:
        return self.verification_code

    def audit_target(self) -> AuditTarget:
        """On the request's stream, naming its beneficiary."""
        return AuditTarget(
            stream=f"request:{self.request_id}",
            subject_type="notice",
            subject_id=self.pk,
            case_reference=self.request.reference,
            person_ids=[self.request.beneficiary_id],
        )
