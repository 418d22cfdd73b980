"""Operations summaries: one snapshot per refresh, with its pre-aggregated rows."""

from __future__ import annotations

from django.db import models


class Metric(models.TextChoices):
    BACKLOG = "backlog", "Open requests (status, age bucket, submission week)"
    SLA = "sla", "Open cases by SLA state (submission week)"
    DECIDED = "decided", "Decisions in effect (outcome, decision week, late, evidence requested)"
    DAYS_TO_DECISION = "days_to_decision", "Decisions by whole days from submission (month)"
    REVIEW_PAIR = "review_pair", "Blind second reviews: first|second outcome per officer and week"
    CAP = "cap", "Travel authorizations used under a cap per month (or in total)"
    REQUESTS = "requests", "Submitted requests per program"
    INTEGRITY_FLAGS = "integrity_flags", "Integrity flags per program"
    FLOWS = "flows", "The forecast's counts: backlog, arrivals, decisions, approvals, officers"


class OperationsSnapshot(models.Model):
    """When the summaries were computed; pages read the newest one."""

    computed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    request_count = models.PositiveIntegerField()
    has_integrity_flags = models.BooleanField(
        help_text="False while the integrity app has no flag store to read."
    )

    class Meta:
        get_latest_by = "computed_at"

    def __str__(self) -> str:
        return f"operations summaries of {self.computed_at:%Y-%m-%d %H:%M}"


class SummaryRow(models.Model):
    """Counts for one combination of dimensions; a dimension a metric lacks is left empty."""

    snapshot = models.ForeignKey(OperationsSnapshot, on_delete=models.CASCADE, related_name="rows")
    metric = models.CharField(max_length=20, choices=Metric.choices)
    program = models.CharField(max_length=40, blank=True)
    office = models.CharField(max_length=64, blank=True)
    urgency = models.CharField(max_length=10, blank=True)
    category = models.CharField(
        max_length=100, blank=True, help_text="Status, outcome, SLA state, cap id or outcome pair."
    )
    age_bucket = models.CharField(max_length=10, blank=True)
    officer = models.CharField(max_length=150, blank=True)
    period = models.DateField(null=True, help_text="Week (Monday) or month the row counts.")
    days = models.IntegerField(null=True)
    count = models.PositiveIntegerField()
    late_count = models.PositiveIntegerField(default=0)
    evidence_request_count = models.PositiveIntegerField(default=0)
    cap_limit = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "metric"], name="summary_by_snapshot_metric")]

    def __str__(self) -> str:
        return f"{self.metric} {self.program} {self.category}: {self.count}"


from lifeline.analytics.consistency.models import ConsistencySnapshot  # noqa: E402, F401
