"""Scheduled tasks: queued once per period by whoever asks first, again in the next period, and
by the task worker's heartbeat."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils.module_loading import import_string

from lifeline.notifications.models import ScheduledRun
from lifeline.notifications.schedule import enqueue_due_tasks, scheduled_tasks
from lifeline.notifications.worker import Heartbeat

pytestmark = pytest.mark.django_db
RUNS: list[str] = []
HOURLY = f"{__name__}.note_an_hourly_run"
DAILY = f"{__name__}.note_a_daily_run"
MONDAY_9 = dt.datetime(2026, 11, 30, 9, 5, tzinfo=dt.UTC)


@task
def note_an_hourly_run() -> None:
    RUNS.append("hourly")


@task
def note_a_daily_run() -> None:
    RUNS.append("daily")


@pytest.fixture
def schedule(settings: Any) -> None:
    settings.LIFELINE_SCHEDULED_TASKS = {"hourly": [HOURLY], "daily": [DAILY]}
    RUNS.clear()


@pytest.mark.usefixtures("schedule")
def test_each_task_is_queued_once_per_period() -> None:
    assert enqueue_due_tasks(now=MONDAY_9) == [HOURLY, DAILY]
    assert enqueue_due_tasks(now=MONDAY_9 + dt.timedelta(minutes=50)) == []
    assert enqueue_due_tasks(now=MONDAY_9 + dt.timedelta(hours=1)) == [HOURLY]
    assert enqueue_due_tasks(now=MONDAY_9 + dt.timedelta(days=1)) == [HOURLY, DAILY]
    assert RUNS == ["hourly", "daily", "hourly", "hourly", "daily"]
    assert ScheduledRun.objects.filter(task_path=DAILY).count() == 2


@pytest.mark.usefixtures("schedule")
def test_force_queues_again_in_the_same_period() -> None:
    enqueue_due_tasks(now=MONDAY_9)
    assert enqueue_due_tasks(now=MONDAY_9, force=True) == [HOURLY, DAILY]
    assert RUNS == ["hourly", "daily", "hourly", "daily"]


@pytest.mark.usefixtures("schedule")
def test_the_worker_heartbeat_queues_what_is_due_once_across_workers() -> None:
    Heartbeat("test-worker", lease_seconds=30).beat()
    Heartbeat("test-worker-2", lease_seconds=30).beat()
    assert sorted(RUNS) == ["daily", "hourly"]


@pytest.mark.usefixtures("schedule")
def test_the_command_says_what_it_queued(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("scheduled_tasks")
    call_command("scheduled_tasks")
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"queued (hourly): {HOURLY}",
        f"queued (daily): {DAILY}",
        f"already queued (hourly): {HOURLY}",
        f"already queued (daily): {DAILY}",
    ]


def test_an_unknown_period_is_refused(settings: Any) -> None:
    settings.LIFELINE_SCHEDULED_TASKS = {"weekly": [DAILY]}
    with pytest.raises(ValueError, match="weekly"):
        scheduled_tasks()


def test_the_projects_scheduled_tasks_exist() -> None:
    paths = [path for _, path in scheduled_tasks()]
    assert "lifeline.parole.tasks.daily_parole_sweep_task" in paths
    assert "lifeline.analytics.operations.tasks.refresh_operations_summaries_task" in paths
    for path in paths:
        assert callable(import_string(path).enqueue)
