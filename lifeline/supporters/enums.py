"""Choices for supporter declarations."""

from django.db import models


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting the beneficiary's confirmation"
    CONFIRMED = "confirmed", "Confirmed by the beneficiary"
    WITHDRAWN = "withdrawn", "Withdrawn"
