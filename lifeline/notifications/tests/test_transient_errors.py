"""Background loops live through transient database errors: the heartbeat, the scheduler, the
worker loop and delivery retry with a growing wait, log, and carry on."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError
from django.db.models import QuerySet
from django.tasks import task

from lifeline.core import clock, retrying
from lifeline.notifications import services, worker
from lifeline.notifications.enums import DeliveryStatus
from lifeline.notifications.models import Notification, ScheduledRun, WorkerLease

pytestmark = pytest.mark.django_db
LOCKED = OperationalError("database is locked")


@task
def note_a_run() -> None:
    pass


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between attempts, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(retrying, "pause", slept.append)
    return slept


def _failing_twice(real: Callable[..., Any], calls: list[str]) -> Callable[..., Any]:
    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append("call")
        if len(calls) <= 2:
            raise LOCKED
        return real(*args, **kwargs)

    return flaky


def test_the_heartbeat_renews_the_lease_after_the_update_failed_twice(
    monkeypatch: pytest.MonkeyPatch, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    lease = worker.start_lease("w-1")
    calls: list[str] = []
    monkeypatch.setattr(QuerySet, "update", _failing_twice(QuerySet.update, calls))
    worker.Heartbeat("w-1", lease_seconds=30).beat()
    assert WorkerLease.objects.get(worker_id="w-1").heartbeat_at > lease.heartbeat_at
    assert waits == [0.5, 1.0] and "database is locked" in caplog.text


def test_the_scheduler_queues_a_task_after_two_failed_attempts(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.LIFELINE_SCHEDULED_TASKS = {"daily": [f"{__name__}.note_a_run"]}
    calls: list[str] = []
    manager = ScheduledRun.objects
    monkeypatch.setattr(manager, "get_or_create", _failing_twice(manager.get_or_create, calls))
    assert worker.enqueue_due_tasks() == [f"{__name__}.note_a_run"]
    assert ScheduledRun.objects.count() == 1


def test_the_scheduler_gives_up_on_one_task_for_now_without_raising(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.LIFELINE_SCHEDULED_TASKS = {"daily": [f"{__name__}.note_a_run"]}

    def locked(**_: Any) -> Any:
        raise LOCKED

    monkeypatch.setattr(ScheduledRun.objects, "get_or_create", locked)
    assert worker.enqueue_due_tasks() == []


def test_the_heartbeat_thread_keeps_beating_after_failed_beats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    beats: list[str] = []
    third = threading.Event()

    def beat(self: worker.Heartbeat) -> None:
        beats.append("beat")
        if len(beats) <= 2:
            raise LOCKED
        third.set()

    monkeypatch.setattr(worker.Heartbeat, "beat", beat)
    heartbeat = worker.Heartbeat("w-2", lease_seconds=0.03)
    heartbeat.start()
    try:
        assert third.wait(5), "the heartbeat stopped after a failed beat"
        assert heartbeat.is_alive()
    finally:
        heartbeat.stopped.set()
        heartbeat.join(5)


def test_the_worker_loop_starts_again_after_database_errors(waits: list[float]) -> None:
    runs: list[str] = []

    def run() -> None:
        runs.append("run")
        if len(runs) <= 2:
            raise LOCKED

    worker.run_until_stopped(run, is_running=lambda: True, what="the loop")
    assert runs == ["run"] * 3 and waits == [0.5, 1.0]


def test_a_worker_asked_to_stop_does_not_start_its_loop_again() -> None:
    def run() -> None:
        raise LOCKED

    with pytest.raises(OperationalError):
        worker.run_until_stopped(run, is_running=lambda: False, what="the loop")


def test_a_notification_is_sent_once_when_marking_it_sent_failed_twice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, settings: Any
) -> None:
    settings.VAR_DIR = tmp_path
    notification = services.queue_notification(
        key="r:1:sms", channel="sms", subject="s", body="b", address="+15555550100"
    )
    calls: list[str] = []
    monkeypatch.setattr(services, "_mark_sent", _failing_twice(services._mark_sent, calls))
    assert services.deliver_notification(notification_id=notification.pk) is True
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.SENT and notification.claimed_until is None
    assert len((tmp_path / "sms-outbox.jsonl").read_text().splitlines()) == 1


def test_a_notification_being_sent_is_left_alone_until_its_claim_lapses(
    settings: Any, tmp_path: Any
) -> None:
    settings.VAR_DIR = tmp_path
    notification = services.queue_notification(
        key="r:2:sms", channel="sms", subject="s", body="b", address="+15555550100"
    )
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=clock.now() + dt.timedelta(seconds=60)
    )
    assert services.deliver_notification(notification_id=notification.pk) is False
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=clock.now() - dt.timedelta(seconds=1)
    )
    assert services.deliver_notification(notification_id=notification.pk) is True
