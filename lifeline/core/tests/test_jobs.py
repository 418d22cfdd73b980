"""Named jobs: each resolves to a task on a configured queue and is enqueued only on commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.tasks import Task

from lifeline.core.jobs import HISTORY_PRIORITY, Job, enqueue_on_commit, queued_behind_new_work


@pytest.mark.parametrize("job", list(Job), ids=lambda job: job.name)
def test_every_named_job_resolves_to_a_task_on_a_configured_queue(job: Job) -> None:
    task = job.task()
    assert isinstance(task, Task)
    assert f"{task.func.__module__}.{task.func.__name__}" == job.path
    assert task.queue_name == job.queue
    assert job.queue in settings.TASKS["default"]["QUEUES"]


@pytest.mark.django_db
def test_a_job_is_enqueued_when_the_transaction_commits_and_not_before(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    enqueued: list[tuple[Any, ...]] = []
    task = Job.SCREEN_REQUESTS.task()
    monkeypatch.setattr(type(task), "enqueue", lambda self, *args: enqueued.append(args))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(Job.SCREEN_REQUESTS, [7, 8])
        assert enqueued == []
    assert enqueued == [([7, 8],)]


@pytest.mark.django_db
def test_history_queued_behind_new_work_runs_after_what_is_queued_later(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """The demo's generated history queues thousands of deliveries; a notice issued afterwards,
    at the default priority, is taken first by a worker that orders by priority."""
    priorities: list[int] = []
    task = Job.DELIVER_NOTICE.task()
    monkeypatch.setattr(type(task), "enqueue", lambda self, *args: priorities.append(self.priority))
    with django_capture_on_commit_callbacks(execute=True):
        with queued_behind_new_work():
            enqueue_on_commit(Job.DELIVER_NOTICE, 1)
        enqueue_on_commit(Job.DELIVER_NOTICE, 2)
    assert priorities == [HISTORY_PRIORITY, 0] and HISTORY_PRIORITY < 0
