"""Leases for task workers: a heartbeat per worker, and tasks of dead workers put back to run."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lifeline.core import clock, retrying
from lifeline.core.retrying import backoff_seconds, retry_transient
from lifeline.notifications.models import WorkerLease
from lifeline.notifications.schedule import enqueue_due_tasks

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"


def start_lease(worker_id: str) -> WorkerLease:
    return WorkerLease.objects.create(
        worker_id=worker_id, host=socket.gethostname()[:100], pid=os.getpid()
    )


def renew_lease(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).update(heartbeat_at=clock.now())


def end_lease(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


@transaction.atomic
def requeue_orphaned_tasks(*, lease_seconds: float) -> list[str]:
    """Put RUNNING tasks back to READY when the worker that claimed them stopped renewing.

    Safe because every Lifeline task is idempotent (notifications are keyed and locked).
    """
    cutoff = clock.now() - dt.timedelta(seconds=lease_seconds)
    WorkerLease.objects.filter(heartbeat_at__lt=cutoff).delete()
    alive = set(WorkerLease.objects.values_list("worker_id", flat=True))
    requeued = []
    running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    )
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        result.status = TaskResultStatus.READY
        result.started_at = None
        result.save(update_fields=["status", "started_at"])
        requeued.append(str(result.id))
    return requeued


class Heartbeat(threading.Thread):
    """Every `lease_seconds / 3`: renew this worker's lease, recover orphaned tasks and queue
    the scheduled tasks of a new hour or day if no worker has yet."""

    def __init__(self, worker_id: str, *, lease_seconds: float) -> None:
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.lease_seconds = lease_seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        failures = 0
        try:
            while not self.stopped.wait(
                backoff_seconds(failures, cap_seconds=self.lease_seconds / 3)
                if failures
                else self.lease_seconds / 3
            ):
                close_old_connections()
                try:
                    self.beat()
                except Exception:
                    failures += 1
                    logger.exception("heartbeat of %s failed; beating again soon", self.worker_id)
                else:
                    failures = 0
        finally:
            connection.close()

    def beat(self) -> None:
        """One heartbeat; each step retries through transient database errors on its own."""
        retry_transient(lambda: renew_lease(self.worker_id), what="renewing the worker lease")
        retry_transient(
            lambda: requeue_orphaned_tasks(lease_seconds=self.lease_seconds),
            what="putting back orphaned tasks",
        )
        enqueue_due_tasks()  # retries each task itself


def run_until_stopped(
    run: Callable[[], None],
    *,
    is_running: Callable[[], bool],
    what: str,
    healthy_after_seconds: float = 60.0,
) -> None:
    """Run a polling loop again after a database error instead of letting the process exit;
    the wait doubles while it keeps failing and starts small again once it ran for a while."""
    failures = 0
    while True:
        started = time.monotonic()
        try:
            run()
            return
        except DatabaseError:
            if not is_running():
                raise
            failures = 1 if time.monotonic() - started > healthy_after_seconds else failures + 1
            delay = backoff_seconds(failures)
            logger.exception("%s failed; starting it again in %.1f s", what, delay)
            retrying.pause(delay)
            retrying.drop_broken_connections()
