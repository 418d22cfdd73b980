"""A supporter's declaration of financial support for a named beneficiary (I-134A analogue)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core import clock
from lifeline.core.models import TimeStampedModel
from lifeline.people.models import Person
from lifeline.supporters.enums import (
    DeclarationEvidenceKind,
    DeclarationEvidenceScanStatus,
    DeclarationStatus,
)


class SupporterDeclaration(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    program = models.CharField(max_length=40, db_index=True)
    status = models.CharField(
        max_length=12, choices=DeclarationStatus.choices, default=DeclarationStatus.SUBMITTED
    )
    supporter = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    supporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations"
    )
    beneficiary = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supported_by")
    beneficiary_email = models.EmailField()
    beneficiary_key = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of normalised name and birth date."
    )
    joins = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_supporters",
        help_text="The declaration this co-supporter joins.",
    )
    status_in_us = models.CharField(max_length=24)
    annual_income_usd = models.PositiveIntegerField()
    household_size = models.PositiveSmallIntegerField()
    relationship = models.CharField(max_length=20)
    other_beneficiaries_pledged = models.PositiveIntegerField(default=0)
    submitted_from_ip = models.GenericIPAddressField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["supporter_user", "beneficiary_key", "program"],
                condition=~models.Q(status="withdrawn"),
                name="one_live_declaration_per_supporter_beneficiary_program",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def audit_target(self) -> AuditTarget:
        return AuditTarget(
            stream=f"declaration:{self.pk}",
            subject_type="declaration",
            subject_id=self.pk,
            case_reference=self.reference,
            person_ids=[self.supporter_id, self.beneficiary_id],
        )


class DeclarationEvidence(models.Model):
    """A file proving the supporter's status in the U.S., income or identity."""

    declaration = models.ForeignKey(
        SupporterDeclaration, on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(max_length=12, choices=DeclarationEvidenceKind.choices)
    original_filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200, unique=True)
    scan_status = models.CharField(max_length=12, choices=DeclarationEvidenceScanStatus.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.declaration.reference} {self.kind}: {self.original_filename}"
