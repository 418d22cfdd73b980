"""Choices for people and their relationships."""

from django.db import models


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
