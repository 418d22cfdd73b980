"""Choices for adjudication."""

from django.db import models


class Outcome(models.TextChoices):
    APPROVE = "approve", "Approve"
    DENY = "deny", "Deny"
    CLOSE = "close", "Close"


class DecisionStatus(models.TextChoices):
    SECOND_REVIEW = "second_review", "Waiting for a blind second review"
    PENDING_SIGNOFF = "pending_signoff", "Waiting for supervisor sign-off"
    RETURNED = "returned", "Returned by the supervisor"
    IN_EFFECT = "in_effect", "In effect"


LIVE_DECISION_STATUSES = (
    DecisionStatus.SECOND_REVIEW,
    DecisionStatus.PENDING_SIGNOFF,
    DecisionStatus.IN_EFFECT,
)


class RubricScore(models.TextChoices):
    MEETS = "meets", "Meets"
    PARTLY = "partly", "Partly meets"
    DOES_NOT_MEET = "does_not_meet", "Does not meet"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class EvidenceRequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    EXPIRED = "expired", "No answer by the due date"
    CANCELLED = "cancelled", "Cancelled: the request ended"
