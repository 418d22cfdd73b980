"""A failed task's traceback, kept in the task queue's table, hides identifiers as the logs do."""

from __future__ import annotations

from typing import Any

import pytest
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from lifeline.notifications.management.commands.task_worker import RedactingWorker
from lifeline.programs.documents import PersonDocument

pytestmark = pytest.mark.django_db
_SSN = "123-45-67890"


@task()
def refuse_a_person_task() -> None:
    person = {"given_name": "Olena", "ssn": _SSN}
    PersonDocument.model_validate(person)  # fails: the error repeats the SSN it was given


def test_the_worker_stores_a_failed_tasks_traceback_without_the_identifier(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    refuse_a_person_task.enqueue()
    queued = DBTaskResult.objects.get()
    worker = RedactingWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test", excluded_queue_names=[],
    )  # fmt: skip
    worker.run_task(queued)
    stored = DBTaskResult.objects.get(pk=queued.pk)
    assert stored.status == TaskResultStatus.FAILED
    assert "ValidationError" in stored.traceback and "input_value=[hidden]" in stored.traceback
    assert _SSN not in stored.traceback
    assert stored.exception_class_path == "lifeline.core.log_redaction.TaskFailed"
