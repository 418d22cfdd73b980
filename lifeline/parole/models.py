"""The parole term with its conditions, fee payments, cap counters and termination runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.crypto import EncryptedTextField
from lifeline.core.models import TimeStampedModel
from lifeline.intake.models import ParoleRequest
from lifeline.parole.enums import EndReason, FeeState, TermStatus

# The period of a cap counted over all time (a "total" cap) rather than per month.
TOTAL_PERIOD = dt.date(2000, 1, 1)


class ParoleTerm(TimeStampedModel):
    """An approved request's parole, from the fee and travel authorization to its end."""

    request = models.OneToOneField(
        ParoleRequest, on_delete=models.PROTECT, related_name="parole_term"
    )
    program = models.CharField(max_length=40)
    program_version = models.CharField(max_length=72)
    status = models.CharField(max_length=20, choices=TermStatus.choices)
    version = models.PositiveIntegerField(default=1)
    fee_amount_usd = models.PositiveIntegerField()
    fee_state = models.CharField(max_length=8, choices=FeeState.choices)
    fee_reason = models.CharField(max_length=400, blank=True)
    fee_due_on = models.DateField(null=True, blank=True)
    cap_id = models.CharField(max_length=80, blank=True)
    cap_period_start = models.DateField(
        null=True, blank=True, help_text="The month whose allotment it used, or waits for."
    )
    travel_authorized_on = models.DateField(null=True, blank=True)
    travel_authorization_expires_on = models.DateField(null=True, blank=True)
    arrived_on = models.DateField(null=True, blank=True)
    port_of_entry = models.CharField(max_length=80, blank=True)
    i94_number = EncryptedTextField(blank=True)
    class_of_admission = models.CharField(max_length=4, blank=True)
    original_ends_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True)
    end_explanation = models.TextField(blank=True)
    terminated_by_event = models.CharField(
        max_length=60, blank=True, help_text="The policy timeline event that cut the term."
    )
    ended_on = models.DateField(null=True, blank=True)
    departed_on = models.DateField(null=True, blank=True)
    work_authorization = models.CharField(max_length=200, blank=True)
    reparole_window_opens_on = models.DateField(null=True, blank=True)
    pending_filings = models.JSONField(default=list, blank=True)
    individual_determinations = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "cap_period_start"]),
            models.Index(fields=["program", "status"]),
            models.Index(fields=["status", "ends_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.status}"

    def audit_target(self) -> AuditTarget:
        """On the request's stream, each event naming the term and its status."""
        return replace(
            self.request.audit_target(), context={"term_id": self.pk, "status": self.status}
        )


class ParoleCondition(models.Model):
    term = models.ForeignKey(ParoleTerm, on_delete=models.CASCADE, related_name="conditions")
    condition_id = models.CharField(max_length=80)
    label = models.CharField(max_length=400)
    due_on = models.DateField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    citation = models.TextField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.condition_id


class CapCounter(models.Model):
    """Travel authorizations used under one cap in one month (or in total); locked to count."""

    cap_id = models.CharField(max_length=80)
    period_start = models.DateField()
    limit = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cap_id", "period_start"], name="one_counter_per_cap"),
            models.CheckConstraint(
                condition=models.Q(used__lte=models.F("limit")), name="cap_never_exceeded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cap_id} {self.period_start}: {self.used}/{self.limit}"


class FeePayment(TimeStampedModel):
    term = models.ForeignKey(ParoleTerm, on_delete=models.PROTECT, related_name="payments")
    amount_usd = models.PositiveIntegerField()
    gateway = models.CharField(max_length=40)
    gateway_reference = models.CharField(max_length=120)
    idempotency_key = models.CharField(max_length=120, unique=True)
    paid_at = models.DateTimeField()
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )


class TerminationRun(models.Model):
    """One application of a program termination to existing terms, with who was affected."""

    program = models.CharField(max_length=40)
    terminated_on = models.DateField()
    applied_at = models.DateTimeField()
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    affected_count = models.PositiveIntegerField()
    report = models.JSONField()

    def __str__(self) -> str:
        return f"{self.program} {self.terminated_on}: {self.affected_count} affected"

    def audit_target(self) -> AuditTarget:
        """On the program's termination stream, naming the termination's date."""
        return AuditTarget(
            stream=f"parole_termination:{self.program}",
            subject_type="termination_run",
            subject_id=self.pk,
            context={"program": self.program, "terminated_on": self.terminated_on.isoformat()},
        )
