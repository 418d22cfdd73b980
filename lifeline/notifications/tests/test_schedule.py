"""Daily tasks: queued once a day by whoever asks first, again the next day, by the worker too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils.module_loading import import_string

from lifeline.notifications.models import DailyRun
from lifeline.notifications.schedule import daily_task_paths, enqueue_due_daily_tasks
from lifeline.notifications.worker import Heartbeat

pytestmark = pytest.mark.django_db
RUNS: list[str] = []
THIS_TASK = f"{__name__}.note_a_daily_run"


@task
def note_a_daily_run() -> None:
    RUNS.append("ran")


@pytest.fixture
def daily(settings: Any) -> None:
    settings.LIFELINE_DAILY_TASKS = [THIS_TASK]
    RUNS.clear()


@pytest.mark.usefixtures("daily")
def test_a_daily_task_is_queued_once_a_day_and_again_the_next_day() -> None:
    monday = dt.date(2026, 11, 30)
    assert enqueue_due_daily_tasks(today=monday) == [THIS_TASK]
    assert enqueue_due_daily_tasks(today=monday) == []
    assert enqueue_due_daily_tasks(today=monday + dt.timedelta(days=1)) == [THIS_TASK]
    assert RUNS == ["ran", "ran"]
    assert DailyRun.objects.filter(task_path=THIS_TASK).count() == 2


@pytest.mark.usefixtures("daily")
def test_force_queues_again_the_same_day() -> None:
    enqueue_due_daily_tasks()
    assert enqueue_due_daily_tasks(force=True) == [THIS_TASK]
    assert RUNS == ["ran", "ran"]


@pytest.mark.usefixtures("daily")
def test_the_worker_heartbeat_queues_the_days_tasks() -> None:
    Heartbeat("test-worker", lease_seconds=30).beat()
    Heartbeat("test-worker-2", lease_seconds=30).beat()
    assert RUNS == ["ran"]


@pytest.mark.usefixtures("daily")
def test_the_command_says_what_it_queued(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("workspace_daily")
    call_command("workspace_daily")
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"queued: {THIS_TASK}", f"already queued today: {THIS_TASK}"]
    assert RUNS == ["ran"]


def test_the_projects_daily_tasks_exist() -> None:
    paths = daily_task_paths()
    assert "lifeline.parole.tasks.daily_parole_sweep_task" in paths
    for path in paths:
        assert callable(import_string(path).enqueue)
