"""Decisions, blind second reviews and evidence requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.adjudication.enums import (
    LIVE_DECISION_STATUSES,
    DecisionStatus,
    EvidenceRequestStatus,
    Outcome,
)
from lifeline.core.models import TimeStampedModel
from lifeline.intake.models import ParoleRequest


class Decision(TimeStampedModel):
    """An officer's decision, stamped with the program version and the rule results it saw."""

    request = models.ForeignKey(ParoleRequest, on_delete=models.PROTECT, related_name="decisions")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason_codes = models.JSONField()
    rubric_scores = models.JSONField(help_text="{factor id: {score, note}} for every factor.")
    rationale = models.TextField()
    program_version = models.CharField(max_length=72)
    rule_results = models.JSONField(default=list)
    request_version = models.PositiveIntegerField(help_text="The request version decided on.")
    status = models.CharField(max_length=16, choices=DecisionStatus.choices)
    signoff_reasons = models.JSONField(default=list)
    overrides = models.JSONField(
        default=list, help_text="[{kind, id, text}] failed rules or missing evidence overridden."
    )
    override_reason = models.TextField(blank=True, help_text="Why the officer overrode them.")
    is_sampled_for_second_review = models.BooleanField(default=False)
    splits_family = models.BooleanField(default=False)
    family_split = models.JSONField(default=list, help_text="Relatives whose outcome differs.")
    is_marked_for_review = models.BooleanField(default=False)
    decided_at = models.DateTimeField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    supervisor_comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=LIVE_DECISION_STATUSES),
                name="one_live_decision_per_request",
            )
        ]
        indexes = [models.Index(fields=["status", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.outcome} ({self.status})"


class SecondReview(TimeStampedModel):
    """A blind second officer's own decision on the same case, and whether it agrees."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="second_review"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason_codes = models.JSONField()
    rubric_scores = models.JSONField()
    rationale = models.TextField()
    agrees = models.BooleanField()
    submitted_at = models.DateTimeField()


class EvidenceRequest(TimeStampedModel):
    request = models.ForeignKey(
        ParoleRequest, on_delete=models.PROTECT, related_name="evidence_requests"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    items = models.JSONField(help_text="[{id, label}] from the program's evidence list.")
    free_text = models.TextField(blank=True)
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=EvidenceRequestStatus.choices, default=EvidenceRequestStatus.OPEN
    )
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status=EvidenceRequestStatus.OPEN),
                name="one_open_evidence_request_per_request",
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"])]
