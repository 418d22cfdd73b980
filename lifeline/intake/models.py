"""Parole requests with their status history, pre-screen records, evidence and invitations."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.models import TimeStampedModel
from lifeline.intake.enums import (
    EvidenceScanStatus,
    FeeStatus,
    RequestCategory,
    RequestKind,
    RequestStatus,
)
from lifeline.people.models import FamilyGroup, Person


class ParoleRequest(TimeStampedModel):
    """One person's request for parole (initial or re-parole) under one program."""

    reference = models.CharField(max_length=20, unique=True)
    program = models.CharField(max_length=40, db_index=True)
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    category = models.CharField(max_length=24, choices=RequestCategory.choices)
    status = models.CharField(
        max_length=32, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by every write.")
    filed_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    beneficiary = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="requests")
    petitioner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filed_requests"
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="represented_requests",
    )
    family_group = models.ForeignKey(
        FamilyGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    travelling_with = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="companions",
        help_text="The parent's or legal guardian's request a minor travels with.",
    )
    prior_request = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reparole_requests"
    )
    declarations = models.ManyToManyField(
        "supporters.SupporterDeclaration", blank=True, related_name="requests"
    )
    document = models.JSONField(help_text="The request document as filed.")
    language = models.CharField(max_length=10, default="en")
    program_version = models.CharField(max_length=60, blank=True)
    prescreen_outcome = models.CharField(max_length=24, blank=True, db_index=True)
    fee_status = models.CharField(max_length=10, choices=FeeStatus.choices, default=FeeStatus.DUE)

    class Meta:
        indexes = [
            models.Index(fields=["status", "program"]),
            models.Index(fields=["filed_by", "status"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def audit_target(self) -> AuditTarget:
        """Events about a request go to its own stream and name its beneficiary and petitioner."""
        return AuditTarget(
            stream=f"request:{self.pk}",
            subject_type="request",
            subject_id=self.pk,
            case_reference=self.reference,
            person_ids=[pid for pid in (self.beneficiary_id, self.petitioner_id) if pid],
        )


class RequestStatusChange(models.Model):
    """Append-only history of a request's status."""

    request = models.ForeignKey(
        ParoleRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=32, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=32, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_role = models.CharField(max_length=32)
    reason = models.TextField(blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class PrescreenRecord(models.Model):
    """One evaluation of a request against the program version in force on its filing date."""

    request = models.ForeignKey(ParoleRequest, on_delete=models.CASCADE, related_name="prescreens")
    is_current = models.BooleanField(default=True)
    outcome = models.CharField(max_length=24)
    program = models.CharField(max_length=40)
    program_version = models.CharField(max_length=60)
    evaluated_at = models.DateTimeField()
    route_to = models.CharField(max_length=40, blank=True)
    parole_max_days = models.PositiveIntegerField(null=True)
    fees = models.JSONField(default=list)
    rules = models.JSONField(default=list)
    parole = models.JSONField(
        null=True, blank=True, help_text="The principal's parole period: requested, allowed."
    )
    people = models.JSONField(
        default=list, help_text="Every person's result (answer v2 `people`), principal first."
    )

    class Meta:
        ordering = ["-evaluated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.program_version}: {self.outcome}"


class EvidenceItem(TimeStampedModel):
    request = models.ForeignKey(ParoleRequest, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=60, help_text="An evidence id from the program's policy.")
    description = models.CharField(max_length=200, blank=True)
    original_filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200, blank=True)
    scan_status = models.CharField(max_length=12, choices=EvidenceScanStatus.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)


class ProgramInvitation(TimeStampedModel):
    """An invitation to file under an invitation-only program (e.g. Family Reunification)."""

    program = models.CharField(max_length=40)
    code = models.CharField(max_length=40, unique=True)
    petitioner_email = models.EmailField()
    beneficiary_name = models.CharField(max_length=200)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    used_by = models.OneToOneField(
        ParoleRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class ProgramVersionReview(models.Model):
    """A what-if report: how a draft program version would change pending pre-screens."""

    program = models.CharField(max_length=40)
    version = models.CharField(max_length=72, db_index=True)
    file_sha256 = models.CharField(max_length=64)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reviewed_at = models.DateTimeField()
    evaluated_count = models.PositiveIntegerField()
    changed_count = models.PositiveIntegerField()
    report = models.JSONField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.version}: {self.changed_count} of {self.evaluated_count} would change"


class RescreenReport(models.Model):
    """Requests evaluated again after a change to the request document, and whose outcome moved."""

    reason = models.CharField(max_length=200)
    evaluated_at = models.DateTimeField()
    evaluated_count = models.PositiveIntegerField()
    changed_count = models.PositiveIntegerField()
    report = models.JSONField(help_text="Per program: evaluated, transitions; and each change.")

    class Meta:
        ordering = ["-evaluated_at"]

    def __str__(self) -> str:
        return f"{self.reason}: {self.changed_count} of {self.evaluated_count} changed"
