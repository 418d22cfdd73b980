"""Background task: refresh the operations summaries the dashboards read."""

from __future__ import annotations

from django.tasks import task

from lifeline.analytics.summaries import refresh_operations_summaries


@task
def refresh_operations_summaries_task() -> dict[str, object]:
    snapshot = refresh_operations_summaries()
    return {
        "snapshot": snapshot.pk,
        "computed_at": snapshot.computed_at.isoformat(),
        "duration_ms": snapshot.duration_ms,
        "requests": snapshot.request_count,
    }
