"""Leases for task workers: a heartbeat per worker, and tasks of dead workers put back to run."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import threading

from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lifeline.core import clock
from lifeline.notifications.models import WorkerLease
from lifeline.notifications.schedule import enqueue_due_tasks


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
        try:
            while not self.stopped.wait(self.lease_seconds / 3):
                close_old_connections()
                self.beat()
        finally:
            connection.close()

    def beat(self) -> None:
        renew_lease(self.worker_id)
        requeue_orphaned_tasks(lease_seconds=self.lease_seconds)
        enqueue_due_tasks()
