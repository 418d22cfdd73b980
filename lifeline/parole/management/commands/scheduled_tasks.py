"""Queue the scheduled tasks due now: reminders, expiries, parole sweeps, deliveries, summaries.

Task workers queue them by themselves; run this from cron or a systemd timer where the workers
cannot (a Redis worker pool), or with --force to run them all again now.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifeline.notifications.schedule import enqueue_due_tasks, scheduled_tasks


class Command(BaseCommand):
    help = "Queue the tasks of LIFELINE_SCHEDULED_TASKS not yet queued this hour or day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Queue them even if done.")

    def handle(self, *args: Any, **options: Any) -> None:
        queued = set(enqueue_due_tasks(force=options["force"]))
        for period, path in scheduled_tasks():
            state = "queued" if path in queued else "already queued"
            self.stdout.write(f"{state} ({period}): {path}")
