"""Run the database task worker with a lease: tasks of a worker that died run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lifeline.core.log_redaction import TaskFailed
from lifeline.core.retrying import retry_transient
from lifeline.notifications import worker as leases


class RedactingWorker(Worker):
    """The database worker, storing a failed task as TaskFailed: the traceback it keeps in its
    table hides identifiers as the logs do (ADR 0110)."""

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        store = db_task_result.set_failed
        db_task_result.set_failed = lambda error: store(TaskFailed(error))
        super().run_task(db_task_result)


class Command(BaseCommand):
    help = (
        "Run background tasks from the database queue. Each worker renews a lease; a task "
        "claimed by a worker whose lease lapsed (killed, machine lost) is put back and runs again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="*", help="Queues, comma-separated; * for all.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument(
            "--lease-seconds", type=float, default=30.0, help="How long a silent worker is trusted."
        )
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        lease_seconds = options["lease_seconds"]
        if lease_seconds <= 0 or options["interval"] < 0:
            self.stderr.write("--lease-seconds must be above 0 and --interval at least 0.")
            raise SystemExit(2)
        worker_id = leases.new_worker_id()
        retry_transient(lambda: leases.start_lease(worker_id), what="starting the worker lease")
        requeued = retry_transient(
            lambda: leases.requeue_orphaned_tasks(lease_seconds=lease_seconds),
            what="putting back orphaned tasks",
        )
        if requeued:
            self.stderr.write(f"put back {len(requeued)} task(s) of workers that stopped")
        heartbeat = leases.Heartbeat(worker_id, lease_seconds=lease_seconds)
        heartbeat.start()
        worker = RedactingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            leases.run_until_stopped(
                worker.run, is_running=lambda: worker.running, what="the task worker loop"
            )
        finally:
            heartbeat.stopped.set()
            heartbeat.join(timeout=5)
            retry_transient(lambda: leases.end_lease(worker_id), what="ending the worker lease")
