"""Background task: refresh the operations summaries the dashboards read."""

from __future__ import annotations

from django.tasks import task

from lifeline.accounts.models import User
from lifeline.analytics.operations.summaries import refresh_operations_summaries


@task
def refresh_operations_summaries_task(actor_id: int | None = None) -> dict[str, object]:
    """`actor_id`: who asked for it on the page (audited); None for the daily run."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    snapshot = refresh_operations_summaries(actor=actor)
    return {
        "snapshot": snapshot.pk,
        "computed_at": snapshot.computed_at.isoformat(),
        "duration_ms": snapshot.duration_ms,
        "requests": snapshot.request_count,
    }
