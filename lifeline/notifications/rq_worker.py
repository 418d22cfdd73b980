"""The Redis worker class for the scaled-out task pool: a failed job's traceback, kept in
Redis, hides identifiers as the logs and the database worker's table do (ADR 0110)."""

from __future__ import annotations

from typing import Any

from rq import Worker
from rq.job import Job
from rq.queue import Queue

from lifeline.core.log_redaction import redact


class RedactingWorker(Worker):
    """`manage.py rqworker --worker-class lifeline.notifications.rq_worker.RedactingWorker`."""

    def handle_job_failure(
        self, job: Job, queue: Queue, started_job_registry: Any = None, exc_string: str = "",
        execution: Any = None,
    ) -> None:  # fmt: skip
        super().handle_job_failure(
            job,
            queue,
            started_job_registry=started_job_registry,
            exc_string=redact(exc_string),
            execution=execution,
        )
