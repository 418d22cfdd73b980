"""Choices for the parole term."""

from django.db import models


class TermStatus(models.TextChoices):
    FEE_DUE = "fee_due", "Parole fee due"
    WAITING_FOR_CAP = "waiting_for_cap", "Waiting for the next month's travel authorizations"
    TRAVEL_AUTHORIZED = "travel_authorized", "Travel authorized"
    TRAVEL_AUTHORIZATION_EXPIRED = "ta_expired", "Travel authorization expired"
    ACTIVE = "active", "Paroled"
    ENDED = "ended", "Ended"


class FeeState(models.TextChoices):
    DUE = "due", "Due"
    PAID = "paid", "Paid"
    EXEMPT = "exempt", "Exempt"


class EndReason(models.TextChoices):
    EXPIRED = "expired", "Expired"
    DEPARTED = "departed", "Departed the United States"
    TERMINATED = "terminated", "Ended by a program termination"


class FilingOutcome(models.TextChoices):
    """How a filing made while on parole was decided."""

    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
