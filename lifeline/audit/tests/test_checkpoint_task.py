"""The task worker appends a signed checkpoint every hour through the project's scheduler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.audit.tasks import write_audit_checkpoint_task
from lifeline.notifications.schedule import scheduled_tasks

pytestmark = pytest.mark.django_db


def test_the_checkpoint_task_is_scheduled_hourly() -> None:
    assert ("hourly", "lifeline.audit.tasks.write_audit_checkpoint_task") in scheduled_tasks()


def test_each_run_appends_one_line_chained_to_the_last(checkpoint_file: Path) -> None:
    with transaction.atomic():
        event = record_audit_event(
            actor=None,
            action=AuditAction.REQUEST_VIEWED,
            stream="request:9",
            subject_type="request",
            subject_id=9,
        )
    write_audit_checkpoint_task.enqueue()
    write_audit_checkpoint_task.enqueue()
    first, second = (json.loads(line) for line in checkpoint_file.read_text().splitlines())
    assert first["heads"] == {"request:9": [1, event.hash]}
    assert (first["stream_count"], second["previous_mac"]) == (1, first["mac"])
    assert checkpoint_file.stat().st_mode & 0o777 == 0o640
