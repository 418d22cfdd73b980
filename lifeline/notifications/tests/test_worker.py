"""Real worker processes: a worker killed mid-task leaves its task to run again when another
worker comes, and no notification is sent twice (PostgreSQL: processes share the test database)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lifeline.notifications.enums import DeliveryStatus
from lifeline.notifications.models import Notification
from lifeline.notifications.tasks import deliver_pending_notifications_task

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[3]
COUNT = 12


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "task_worker",
        "--lease-seconds",
        "2",
        "--interval",
        "0.2",
    ]
    return subprocess.Popen(  # noqa: S603 - our own worker command
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(check, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the workers")
        time.sleep(0.1)


def _sent_lines(outbox: Path) -> list[dict[str, Any]]:
    if not outbox.exists():
        return []
    return [json.loads(line) for line in outbox.read_text().splitlines() if line]


def test_a_killed_workers_task_runs_again_and_no_notice_is_sent_twice(
    tmp_path: Path, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for n in range(COUNT):
        Notification.objects.create(
            key=f"notice:{n}:sms",
            channel="sms",
            subject="Notice",
            body=f"Notice {n}",
            address="+15555550100",
        )
    result = deliver_pending_notifications_task.enqueue()
    database = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "LIFELINE_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "LIFELINE_VAR_DIR": str(tmp_path),
        "LIFELINE_FAKE_SMS_DELAY_SECONDS": "0.3",
        "LIFELINE_NOTIFICATION_CLAIM_SECONDS": "2",  # the killed worker's claim lapses soon
    }
    outbox = tmp_path / "sms-outbox.jsonl"
    first = _worker(env)
    try:
        # the database, not the outbox: a message leaves before its send is recorded
        _wait_for(lambda: Notification.objects.filter(status=DeliveryStatus.SENT).count() >= 3, 60)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    interrupted = DBTaskResult.objects.get(id=result.id)
    assert interrupted.status == TaskResultStatus.RUNNING  # claimed by a worker that is gone
    sent_before = Notification.objects.filter(status=DeliveryStatus.SENT).count()
    assert 3 <= sent_before < COUNT

    second = _worker(env)
    try:
        _wait_for(
            lambda: DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL, 60
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    finished = DBTaskResult.objects.get(id=result.id)
    assert len(finished.worker_ids) == 2  # run by the killed worker, then by the new one
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == COUNT
    keys = [line["key"] for line in _sent_lines(outbox)]
    assert sorted(keys) == sorted(f"notice:{n}:sms" for n in range(COUNT))  # each exactly once
