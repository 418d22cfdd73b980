"""Choices for notifications."""

from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    PORTAL = "portal", "Message in the portal"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Not sent: the date it was about had passed"
    WITHDRAWN = "withdrawn", "Withdrawn before it was sent or read"
