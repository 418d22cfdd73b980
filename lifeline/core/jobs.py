"""Deferred work by name: a service enqueues a named job once its transaction commits."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.db import transaction
from django.tasks import Task
from django.utils.module_loading import import_string


class Job(enum.Enum):
    """Each job a service may defer: the dotted path of its task, and the queue it runs on."""

    DELIVER_NOTICE = ("lifeline.notices.tasks.deliver_notice_task", "default")
    DELIVER_NOTIFICATION = ("lifeline.notifications.tasks.deliver_notification_task", "default")
    SCREEN_DECLARATION = ("lifeline.integrity.tasks.screen_declaration_task", "integrity")
    SCREEN_REQUESTS = ("lifeline.integrity.tasks.screen_requests_task", "integrity")
    REVIEW_TIMELINE = ("lifeline.pathways.tasks.review_timeline_change_task", "default")

    def __init__(self, path: str, queue: str) -> None:
        self.path = path
        self.queue = queue

    def task(self) -> Task[Any, Any]:
        """The task, imported on use (a service never imports a tasks module)."""
        task: Task[Any, Any] = import_string(self.path)
        return task


# Work queued for a generated history runs after any other: a demo's months of history queue
# thousands of deliveries, and a notice of today's decision must not wait behind them.
HISTORY_PRIORITY = -50
_priority: ContextVar[int | None] = ContextVar("job_priority", default=None)


@contextmanager
def queued_behind_new_work() -> Iterator[None]:
    """Jobs enqueued inside run after every job enqueued at the default priority (where the
    task backend orders by priority; elsewhere they run as usual)."""
    token = _priority.set(HISTORY_PRIORITY)
    try:
        yield
    finally:
        _priority.reset(token)


def _task(job: Job, priority: int | None) -> Task[Any, Any]:
    task = job.task()
    if priority is not None and task.get_backend().supports_priority:
        return task.using(priority=priority)
    return task


def _enqueue(job: Job, args: tuple[Any, ...], priority: int | None) -> None:
    _task(job, priority).enqueue(*args)


def enqueue_on_commit(job: Job, *args: Any) -> None:
    """Enqueue `job` with `args` when the current transaction commits (now, if none is open)."""
    transaction.on_commit(partial(_enqueue, job, args, _priority.get()))


def _enqueue_at(
    job: Job, args: tuple[Any, ...], run_after: dt.datetime, priority: int | None
) -> None:
    _task(job, priority).using(run_after=run_after).enqueue(*args)


def enqueue_later_on_commit(job: Job, *args: Any, run_after: dt.datetime) -> bool:
    """Enqueue `job` to run at `run_after` once the current transaction commits; False (and
    nothing queued) when the task backend cannot defer a task (the immediate one, in tests).
    A failure to enqueue is logged, not raised: the caller's sweep still finds the work."""
    if not job.task().get_backend().supports_defer:
        return False
    transaction.on_commit(partial(_enqueue_at, job, args, run_after, _priority.get()), robust=True)
    return True
