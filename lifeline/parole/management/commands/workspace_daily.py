"""Queue the day's daily tasks now: evidence reminders and expiries, parole sweeps, deliveries.

Task workers queue them by themselves once a day; run this from cron or a systemd timer where
the workers cannot (a Redis worker pool), or with --force to run them again today.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifeline.notifications.schedule import daily_task_paths, enqueue_due_daily_tasks


class Command(BaseCommand):
    help = "Queue the daily tasks (LIFELINE_DAILY_TASKS) not yet queued today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Queue them even if done today.")

    def handle(self, *args: Any, **options: Any) -> None:
        queued = set(enqueue_due_daily_tasks(force=options["force"]))
        for path in daily_task_paths():
            self.stdout.write(f"{'queued' if path in queued else 'already queued today'}: {path}")
