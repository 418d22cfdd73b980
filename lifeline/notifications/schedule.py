"""Daily tasks, queued once a day by the first task worker (or `workspace_daily`) to ask."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from lifeline.core import clock
from lifeline.notifications.models import DailyRun


def daily_task_paths() -> list[str]:
    """Dotted paths of the tasks to run once a day (setting LIFELINE_DAILY_TASKS)."""
    return list(getattr(settings, "LIFELINE_DAILY_TASKS", ()))


def enqueue_due_daily_tasks(*, today: dt.date | None = None, force: bool = False) -> list[str]:
    """Queue each daily task not yet queued today; returns the paths queued.

    Many workers may ask at once: the (task, day) row is unique, so one of them wins and the
    others skip. With `force`, queue them all again (the tasks are idempotent sweeps).
    """
    today = today or clock.today()
    queued = []
    for path in daily_task_paths():
        task = import_string(path)
        try:
            with transaction.atomic():
                _, created = DailyRun.objects.get_or_create(task_path=path, run_on=today)
                if created or force:
                    task.enqueue()
                    queued.append(path)
        except IntegrityError:
            continue  # another worker queued it at the same moment
    return queued
