"""Choices for supporter declarations."""

from django.db import models


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting the beneficiary's confirmation"
    CONFIRMED = "confirmed", "Confirmed by the beneficiary"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DeclarationEvidenceKind(models.TextChoices):
    STATUS = "status", "Status in the United States"
    INCOME = "income", "Income"
    IDENTITY = "identity", "Identity"


class DeclarationEvidenceScanStatus(models.TextChoices):
    CLEAN = "clean", "Clean"
    NOT_SCANNED = "not_scanned", "Not scanned (no virus scanner configured)"
