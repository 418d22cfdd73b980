"""The record of which program versions were published, when and by whom (files stay the truth)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.models import TimeStampedModel
from lifeline.programs.enums import PublishedVersionStatus


class PublishedProgramVersion(TimeStampedModel):
    """One program version file as it was loaded or published, with its exact text."""

    program = models.CharField(max_length=40, db_index=True)
    version = models.CharField(max_length=72, unique=True)
    title = models.CharField(max_length=200)
    effective_from = models.DateField()
    effective_until = models.DateField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64)
    source_yaml = models.TextField()
    status = models.CharField(
        max_length=16,
        choices=PublishedVersionStatus.choices,
        default=PublishedVersionStatus.DRAFT,
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_program_versions",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["program", "effective_from"]

    def __str__(self) -> str:
        return f"{self.version} ({self.status})"

    def audit_target(self) -> AuditTarget:
        """On the program's stream, each event naming the row's status and file digest."""
        return AuditTarget(
            stream=f"program:{self.program}",
            subject_type="program_version",
            subject_id=self.version,
            context={"status": self.status, "file_sha256": self.file_sha256},
        )
