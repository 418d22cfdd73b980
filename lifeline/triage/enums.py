"""Choices for triage: urgency levels, where a case is in the queue, expedite outcomes."""

from django.db import models


class UrgencyLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class QueueState(models.TextChoices):
    QUEUED = "queued", "Waiting for an officer"
    ASSIGNED = "assigned", "With an officer"
    WAITING_FOR_EVIDENCE = "waiting_for_evidence", "Waiting for evidence"
    SECOND_REVIEW = "second_review", "Waiting for a blind second review"
    SIGNOFF = "signoff", "Waiting for supervisor sign-off"
    DONE = "done", "Decided"


class ExpediteStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
