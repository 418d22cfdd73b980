"""The consistency summary: the last consistency report and reason-code counts, from a task."""

from __future__ import annotations

from django.db import models


class ConsistencySnapshot(models.Model):
    """One refresh of the consistency page's figures; the page reads the newest."""

    computed_at = models.DateTimeField()
    period = models.CharField(
        max_length=40,
        default="quarter",
        help_text="How decisions were grouped in time: quarter, year, all, or range:<from>:<to>.",
    )
    duration_ms = models.PositiveIntegerField()
    decisions = models.PositiveIntegerField(help_text="Approvals and denials in effect analysed.")
    report = models.JSONField(
        null=True, help_text="The consistency report with the funnel's limits; null if none."
    )
    problem = models.CharField(
        max_length=300, blank=True, help_text="Why there is no report (e.g. one officer only)."
    )
    reason_codes = models.JSONField(
        default=list, help_text="[{month, program, codes: {code: count}, decisions}]"
    )

    class Meta:
        get_latest_by = "computed_at"
        indexes = [models.Index(fields=["period", "computed_at"], name="consistency_by_period")]

    def __str__(self) -> str:
        return f"consistency summary ({self.period}) of {self.computed_at:%Y-%m-%d %H:%M}"
