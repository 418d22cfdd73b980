"""Background task: append a signed checkpoint of every audit stream head (hourly, see settings)."""

from __future__ import annotations

from django.tasks import task

from lifeline.audit.checkpoints import take_audit_checkpoint


@task
def write_audit_checkpoint_task() -> int:
    """Append one checkpoint line; returns how many streams it records."""
    return len(take_audit_checkpoint().heads)
