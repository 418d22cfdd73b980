"""Choices stored by the programs app."""

from django.db import models


class PublishedVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"
