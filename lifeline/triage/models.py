"""A request's place in the queue (urgency, SLA clock, assignment) and its expedite requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.models import TimeStampedModel
from lifeline.intake.models import ParoleRequest
from lifeline.triage.enums import ExpediteStatus, QueueState, UrgencyLevel

QUEUED = models.Q(state=QueueState.QUEUED)


class CaseTriage(TimeStampedModel):
    """One row per request under review: what the queue orders, locks and assigns."""

    request = models.OneToOneField(ParoleRequest, on_delete=models.CASCADE, related_name="triage")
    program = models.CharField(max_length=40)
    office = models.CharField(max_length=64, blank=True, help_text="Empty: any office.")
    state = models.CharField(max_length=24, choices=QueueState.choices, default=QueueState.QUEUED)
    urgency_score = models.PositiveSmallIntegerField()
    urgency_level = models.CharField(max_length=10, choices=UrgencyLevel.choices)
    factors = models.JSONField(default=list, help_text="Every factor behind the score.")
    assessed_at = models.DateTimeField()
    is_expedited = models.BooleanField(default=False)
    sla_hours = models.PositiveIntegerField()
    sla_started_at = models.DateTimeField()
    sla_due_at = models.DateTimeField()
    sla_paused_at = models.DateTimeField(null=True, blank=True)
    sla_paused_seconds = models.PositiveIntegerField(default=0)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    excluded_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who may not take this case (the first decider, for a blind second review).",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(
                models.F("urgency_score").desc(),
                "sla_due_at",
                "id",
                name="triage_queue_order",
                condition=QUEUED,
            ),
            models.Index(
                "program",
                models.F("urgency_score").desc(),
                "sla_due_at",
                "id",
                name="triage_queue_by_program",
                condition=QUEUED,
            ),
            models.Index(fields=["state", "assigned_to"], name="triage_state_officer"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.state}"

    def audit_target(self) -> AuditTarget:
        """Triage is recorded on the request's stream, as the request's own events."""
        return self.request.audit_target()


class ExpediteRequest(TimeStampedModel):
    """A request to expedite, decided by an officer or supervisor with a reason."""

    request = models.ForeignKey(
        ParoleRequest, on_delete=models.CASCADE, related_name="expedite_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=ExpediteStatus.choices, default=ExpediteStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
