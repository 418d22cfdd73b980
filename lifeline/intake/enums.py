"""Choices for requests, people and evidence."""

from django.db import models


class RequestKind(models.TextChoices):
    INITIAL = "initial", "Initial parole"
    REPAROLE = "reparole", "Re-parole"


class RequestCategory(models.TextChoices):
    MEDICAL = "medical", "Medical"
    PROTECTION = "protection", "Protection from harm"
    FAMILY_REUNIFICATION = "family_reunification", "Family reunification"
    PUBLIC_BENEFIT = "public_benefit", "Significant public benefit"
    OTHER = "other", "Other"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PRESCREENED = "prescreened", "Pre-screened"
    IN_REVIEW = "in_review", "In review"
    EVIDENCE_REQUESTED = "evidence_requested", "Evidence requested"
    DECISION_PENDING_SIGNOFF = "decision_pending_signoff", "Decision pending sign-off"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    ADMINISTRATIVELY_CLOSED = "administratively_closed", "Administratively closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    PROGRAM_WITHDRAWN = "program_withdrawn", "Withdrawn by the program office"


class FeeStatus(models.TextChoices):
    DUE = "due", "Due"
    PAID = "paid", "Paid"
    WAIVED = "waived", "Waived"
    EXEMPT = "exempt", "Exempt"


class EvidenceScanStatus(models.TextChoices):
    CLEAN = "clean", "Clean"
    INFECTED = "infected", "Infected"
    NOT_SCANNED = "not_scanned", "Not scanned (no virus scanner configured)"
