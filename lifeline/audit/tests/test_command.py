"""`lifeline audit verify`: exit 0 with a summary when intact, exit 1 naming the first break."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.db import connection, transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.models import AuditEvent
from lifeline.audit.services import record_audit_event

pytestmark = pytest.mark.django_db


def _record_many(how_many: int) -> list[AuditEvent]:
    events = []
    for _ in range(how_many):
        with transaction.atomic():
            events.append(
                record_audit_event(
                    actor=None,
                    action=AuditAction.REQUEST_VIEWED,
                    stream="request:1",
                    subject_type="request",
                    subject_id=1,
                )
            )
    return events


def _run(*arguments: str) -> int:
    try:
        execute_from_command_line(["lifeline", "audit", *arguments])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_verify_exits_zero_with_a_one_line_summary(
    capsys: pytest.CaptureFixture[str], checkpoint_file: Path
) -> None:
    _record_many(3)
    call_command("audit", "checkpoint")  # in-process: the verify run below closes connections
    taken = json.loads(checkpoint_file.read_text())
    assert capsys.readouterr().out == (
        f"Audit checkpoint {taken['at']} under key test-dev-checkpoint: 1 streams, "
        f"appended to {checkpoint_file}.\n"
    )
    assert _run("verify") == 0
    named = connection.settings_dict  # a server is named with its address, a SQLite file alone
    server = f" on {named['HOST']}:{named['PORT'] or 'default port'}" if named["HOST"] else ""
    assert capsys.readouterr().out == (
        f"Audit trail intact: 3 events in 1 streams; checked against 1 checkpoints in "
        f"{checkpoint_file}, the latest {taken['at']} (key test-dev-checkpoint, 1 streams); "
        f"database: {connection.vendor} {named['NAME']}{server}.\n"
    )


def test_an_empty_trail_verifies_without_a_checkpoint(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("verify") == 0
    assert capsys.readouterr().out.startswith("Audit trail intact: 0 events in 0 streams; no ")


def test_verify_exits_one_naming_the_first_broken_event(
    capsys: pytest.CaptureFixture[str], tamper: Callable[..., None]
) -> None:
    events = _record_many(3)
    call_command("audit", "checkpoint")
    tamper("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", (events[1].pk,))
    assert _run("verify", "--no-progress") == 1
    captured = capsys.readouterr()
    assert "Audit trail BROKEN: 3 events in 1 streams; 1 streams broken; checked " in captured.out
    assert f"modified: stream request:1 sequence 2 (event {events[1].pk})" in captured.err


def test_verify_exits_one_naming_a_deleted_newest_event(
    capsys: pytest.CaptureFixture[str], tamper: Callable[..., None]
) -> None:
    events = _record_many(2)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", (events[1].pk,))
    assert _run("verify") == 1
    assert "deleted: stream request:1 sequence 2 (no event row)" in capsys.readouterr().err


@pytest.mark.parametrize("arguments", [("--help",), ("verify", "--help")])
def test_help_describes_the_command(
    capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...]
) -> None:
    assert _run(*arguments) == 0
    assert "verify" in capsys.readouterr().out


def test_a_missing_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run() == 2
    assert "SUBCOMMAND" in capsys.readouterr().err
