"""Background task: refresh the consistency summary the consistency and reason-code pages read."""

from __future__ import annotations

from django.tasks import task

from lifeline.accounts.models import User
from lifeline.analytics.consistency.periods import DEFAULT_PERIOD, ConsistencyPeriod
from lifeline.analytics.consistency.summary import refresh_consistency_summary


@task
def refresh_consistency_summary_task(
    actor_id: int | None = None, period: str = DEFAULT_PERIOD.key
) -> dict[str, object]:
    """`actor_id`: who asked for it on the page (audited); None for the daily run. `period`: a
    `ConsistencyPeriod.key`, the default (by quarter) for the daily run."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    snapshot = refresh_consistency_summary(actor=actor, period=ConsistencyPeriod.from_key(period))
    return {
        "snapshot": snapshot.pk,
        "period": snapshot.period,
        "computed_at": snapshot.computed_at.isoformat(),
        "duration_ms": snapshot.duration_ms,
        "decisions": snapshot.decisions,
    }
