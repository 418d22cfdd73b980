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


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNSPECIFIED = "X", "Unspecified"


class RelationshipKind(models.TextChoices):
    SPOUSE = "spouse", "Spouse or common-law partner"
    CHILD = "child", "Child"
    PARENT = "parent", "Parent"
    LEGAL_GUARDIAN = "legal_guardian", "Legal guardian"
    SIBLING = "sibling", "Sibling"
    OTHER_RELATIVE = "other_relative", "Other relative"
    NONE = "none", "Not related"


class FeeStatus(models.TextChoices):
    DUE = "due", "Due"
    PAID = "paid", "Paid"
    WAIVED = "waived", "Waived"
    EXEMPT = "exempt", "Exempt"


class EvidenceScanStatus(models.TextChoices):
    CLEAN = "clean", "Clean"
    INFECTED = "infected", "Infected"
