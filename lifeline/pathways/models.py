"""Policy timeline changes: a new timeline file as drafted, reviewed and published."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core.models import TimeStampedModel


class TimelineChangeStatus(models.TextChoices):
    REVIEWING = "reviewing", "Review in progress"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Review failed"


class TimelineChange(TimeStampedModel):
    """One timeline file (e.g. adding a court order) with the review of whose answers it
    changes; published only when the review is of exactly this text."""

    version = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    source_yaml = models.TextField()
    replaces = models.CharField(max_length=40, help_text="The timeline in force when reviewed.")
    status = models.CharField(max_length=12, choices=TimelineChangeStatus.choices)
    events_changed = models.JSONField(default=list, help_text="Event ids added or changed.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()
    evaluated_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, help_text="Each parolee whose answers change.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    notified_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.version} ({self.status})"

    def audit_target(self) -> AuditTarget:
        """On the policy timeline's stream, naming the file digest."""
        return AuditTarget(
            stream="pathways:timeline",
            subject_type="timeline_change",
            subject_id=self.version,
            context={"status": self.status, "file_sha256": self.file_sha256},
        )
