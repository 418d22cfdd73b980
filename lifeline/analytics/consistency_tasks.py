"""Background task: refresh the consistency summary the consistency and reason-code pages read."""

from __future__ import annotations

from django.tasks import task

from lifeline.analytics.consistency_summary import refresh_consistency_summary


@task
def refresh_consistency_summary_task() -> dict[str, object]:
    snapshot = refresh_consistency_summary()
    return {
        "snapshot": snapshot.pk,
        "computed_at": snapshot.computed_at.isoformat(),
        "duration_ms": snapshot.duration_ms,
        "decisions": snapshot.decisions,
    }
