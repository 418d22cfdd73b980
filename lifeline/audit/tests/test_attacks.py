"""Someone who can write the database but holds neither key nor checkpoint file is caught."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.audit.chain import HASHED_FIELDS, hash_event_fields, seal_event_fields
from lifeline.audit.keys import chain_keys
from lifeline.audit.models import AuditEvent
from lifeline.audit.tests.builders import record_many

pytestmark = pytest.mark.django_db
Tamper = Callable[..., None]


def _verify(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `lifeline audit verify`; its exit code and everything it said."""
    try:
        call_command("audit", "verify", "--no-progress")
    except CommandError as error:
        captured = capsys.readouterr()
        return error.returncode, captured.out + str(error)
    return 0, capsys.readouterr().out


def _honest_trail() -> list[AuditEvent]:
    events = record_many("request:1", 4)
    record_many("request:2", 2)
    call_command("audit", "checkpoint")
    return events


def _reseal_from(tamper: Tamper, events: list[AuditEvent], seal: Callable[..., str]) -> None:
    """Change the second event's action, then recompute every later link and the head."""
    previous = events[0].hash
    for index, event in enumerate(events[1:], start=1):
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        fields |= {"previous_hash": previous}
        if index == 1:
            fields["action"] = "request.approved"
        key_id, new_hash = seal(fields)
        tamper(
            "UPDATE audit_auditevent SET action = %s, previous_hash = %s, key_id = %s, "
            "hash = %s WHERE id = %s",
            (fields["action"], previous, key_id, new_hash, event.pk),
        )
        previous = new_hash
    tamper(
        "UPDATE audit_auditstreamhead SET last_hash = %s WHERE stream = %s",
        (previous, "request:1"),
    )


def test_an_honest_trail_passes_and_names_the_checkpoint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _honest_trail()
    capsys.readouterr()
    record_many("request:1", 1)  # written after the checkpoint: still fine
    code, said = _verify(capsys)
    assert code == 0
    assert said.startswith("Audit trail intact: 7 events in 2 streams; checked against 1 ")
    assert "(key test-dev-checkpoint, 2 streams)" in said


@pytest.mark.parametrize("claimed_key_id", ["keep", ""], ids=["as-keyed", "as-unkeyed"])
def test_an_edit_resealed_with_plain_sha256_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper, claimed_key_id: str
) -> None:
    events = _honest_trail()

    def sha(fields: dict) -> tuple[str, str]:
        key_id = events[0].key_id if claimed_key_id == "keep" else claimed_key_id
        return key_id, hash_event_fields(fields)

    _reseal_from(tamper, events, sha)
    code, said = _verify(capsys)
    assert code == 1
    assert f"modified: stream request:1 sequence 2 (event {events[1].pk})" in said


def test_an_edit_resealed_with_a_guessed_key_under_the_real_key_id_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper
) -> None:
    events = _honest_trail()
    wrong_key = secrets.token_bytes(32)
    key_id = chain_keys().current_id

    def wrong(fields: dict) -> tuple[str, str]:
        return key_id, seal_event_fields(fields, key_id=key_id, key=wrong_key)

    _reseal_from(tamper, events, wrong)
    code, said = _verify(capsys)
    assert code == 1
    assert "modified: stream request:1 sequence 2" in said
    assert "does not match its contents under its key" in said


def test_an_edit_resealed_under_a_made_up_key_id_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper
) -> None:
    events = _honest_trail()

    def made_up(fields: dict) -> tuple[str, str]:
        return "forger", seal_event_fields(fields, key_id="forger", key=b"k" * 32)

    _reseal_from(tamper, events, made_up)
    code, said = _verify(capsys)
    assert (code, "key id 'forger', which is not configured" in said) == (1, True)


def test_a_removed_tail_with_its_head_rolled_back_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper
) -> None:
    events = _honest_trail()
    tamper("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", (events[2].pk, events[3].pk))
    tamper(
        "UPDATE audit_auditstreamhead SET last_sequence = 2, last_hash = %s WHERE stream = %s",
        (events[1].hash, "request:1"),
    )
    code, said = _verify(capsys)
    assert code == 1
    assert "deleted: stream request:1 sequence 3 (no event row)" in said
    assert "recorded sequence 4, the newest stored is 2" in said


def test_a_tail_rolled_back_and_regrown_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper
) -> None:
    events = _honest_trail()
    tamper("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", (events[2].pk, events[3].pk))
    tamper(
        "UPDATE audit_auditstreamhead SET last_sequence = 2, last_hash = %s WHERE stream = %s",
        (events[1].hash, "request:1"),
    )
    regrown = record_many("request:1", 2)  # honest new events at the removed sequences
    code, said = _verify(capsys)
    assert code == 1
    assert f"modified: stream request:1 sequence 4 (event {regrown[1].pk})" in said


def test_a_whole_stream_deleted_with_its_head_is_caught(
    capsys: pytest.CaptureFixture[str], tamper: Tamper
) -> None:
    _honest_trail()
    tamper("DELETE FROM audit_auditevent WHERE stream = %s", ("request:2",))
    tamper("DELETE FROM audit_auditstreamhead WHERE stream = %s", ("request:2",))
    code, said = _verify(capsys)
    assert code == 1
    assert "deleted: stream request:2 sequence 1 (no event row)" in said
    assert "the whole stream was deleted" in said


def _rewrite_line(path: Path, change: Callable[[dict], None]) -> None:
    lines = path.read_text().splitlines()
    body = json.loads(lines[-1])
    change(body)
    lines[-1] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")


def test_an_edited_checkpoint_line_is_caught_by_its_signature(
    capsys: pytest.CaptureFixture[str], tamper: Tamper, checkpoint_file: Path
) -> None:
    events = _honest_trail()
    # Hide a removed tail by lowering what the checkpoint recorded.
    tamper("DELETE FROM audit_auditevent WHERE id = %s", (events[3].pk,))
    tamper(
        "UPDATE audit_auditstreamhead SET last_sequence = 3, last_hash = %s WHERE stream = %s",
        (events[2].hash, "request:1"),
    )
    _rewrite_line(
        checkpoint_file, lambda body: body["heads"].update({"request:1": [3, events[2].hash]})
    )
    code, said = _verify(capsys)
    assert code == 1
    assert "checkpoint file line 1: the checkpoint of " in said
    assert "was altered: its signature does not match" in said


def test_a_removed_checkpoint_line_breaks_the_file_chain(
    capsys: pytest.CaptureFixture[str], checkpoint_file: Path
) -> None:
    _honest_trail()
    call_command("audit", "checkpoint")
    call_command("audit", "checkpoint")
    lines = checkpoint_file.read_text().splitlines()
    checkpoint_file.write_text(lines[0] + "\n" + lines[2] + "\n")
    code, said = _verify(capsys)
    assert code == 1
    assert "checkpoint file line 2: " in said
    assert "does not follow the line before it" in said


def _new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def test_events_and_checkpoints_under_retired_keys_still_verify_after_rotation(
    capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    _honest_trail()
    settings.LIFELINE_AUDIT_CHECKPOINT_KEYS = [
        f"cp-2:{_new_key()}",
        *settings.LIFELINE_AUDIT_CHECKPOINT_KEYS,
    ]
    settings.LIFELINE_AUDIT_KEYS = [f"chain-2:{_new_key()}", *settings.LIFELINE_AUDIT_KEYS]
    newer = record_many("request:1", 1)[0]
    call_command("audit", "checkpoint")
    code, said = _verify(capsys)
    assert (code, newer.key_id) == (0, "chain-2")
    assert "(key cp-2, 2 streams)" in said


def test_verify_fails_without_a_checkpoint_when_there_are_events(
    capsys: pytest.CaptureFixture[str],
) -> None:
    record_many("request:1", 2)
    code, said = _verify(capsys)
    assert code == 1
    assert "chains intact (2 events in 1 streams) but no checkpoints in " in said
