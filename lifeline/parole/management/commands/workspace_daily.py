"""Queue the workspace's daily tasks: evidence reminders and expiries, parole sweeps, deliveries.

Run it once a day (cron or a systemd timer); the task worker does the work.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lifeline.adjudication.tasks import expire_evidence_requests_task, send_evidence_reminders_task
from lifeline.notifications.tasks import deliver_pending_notifications_task
from lifeline.parole.tasks import daily_parole_sweep_task

DAILY_TASKS = (
    send_evidence_reminders_task,
    expire_evidence_requests_task,
    daily_parole_sweep_task,
    deliver_pending_notifications_task,
)


class Command(BaseCommand):
    help = "Queue the daily reminders, expiries, parole sweeps and pending deliveries."

    def handle(self, *args: Any, **options: Any) -> None:
        for daily in DAILY_TASKS:
            result = daily.enqueue()
            self.stdout.write(f"queued {daily.name} ({result.id})")
