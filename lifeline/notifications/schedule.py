"""Scheduled tasks, queued once per hour or day by the first task worker (or command) to ask."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.module_loading import import_string

from lifeline.core import clock
from lifeline.core.retrying import retry_transient
from lifeline.notifications.models import ScheduledRun

logger = logging.getLogger(__name__)
PERIOD_FORMATS = {"hourly": "%Y-%m-%dT%H", "daily": "%Y-%m-%d"}


def scheduled_tasks() -> list[tuple[str, str]]:
    """(period, dotted task path) pairs from the setting LIFELINE_SCHEDULED_TASKS."""
    configured = getattr(settings, "LIFELINE_SCHEDULED_TASKS", {})
    unknown = set(configured) - set(PERIOD_FORMATS)
    if unknown:
        raise ValueError(f"LIFELINE_SCHEDULED_TASKS: unknown periods {sorted(unknown)}")
    return [(period, path) for period, paths in configured.items() for path in paths]


def enqueue_due_tasks(*, now: dt.datetime | None = None, force: bool = False) -> list[str]:
    """Queue each scheduled task not yet queued in its current period; returns the paths queued.

    Many workers may ask at once: the (task, period) row is unique, so one of them wins and the
    others skip. With `force`, queue them all again (the tasks are idempotent sweeps). A
    database error on one task is retried, then logged, and the other tasks still run.
    """
    now = now or clock.now()
    queued = []
    for period, path in scheduled_tasks():
        key = now.strftime(PERIOD_FORMATS[period])
        try:
            if retry_transient(
                lambda path=path, key=key: _queue_once(path, key, force=force),  # type: ignore[misc]
                what=f"queueing {path}",
            ):
                queued.append(path)
        except IntegrityError:
            continue  # another worker queued it at the same moment
        except DatabaseError:
            logger.exception("could not queue %s for %s; the next heartbeat tries again", path, key)
    return queued


def _queue_once(path: str, key: str, *, force: bool) -> bool:
    task = import_string(path)
    with transaction.atomic():
        _, created = ScheduledRun.objects.get_or_create(task_path=path, period_key=key)
        if created or force:
            task.enqueue()
            return True
    return False
