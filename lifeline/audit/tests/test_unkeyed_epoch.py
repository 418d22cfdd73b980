"""Events sealed before keys existed keep SHA-256; the migration's first checkpoint anchors them."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.chain import GENESIS_HASH, HASHED_FIELDS, hash_event_fields
from lifeline.audit.checkpoints import read_checkpoint_file
from lifeline.audit.keys import chain_keys, checkpoint_keys
from lifeline.audit.models import AuditEvent
from lifeline.audit.services import record_audit_event
from lifeline.audit.verification import verify_audit_trail

pytestmark = pytest.mark.django_db
Tamper = Callable[..., None]
_migration = importlib.import_module("lifeline.audit.migrations.0003_anchor_unkeyed_events")


def _record(stream: str, how_many: int) -> list[AuditEvent]:
    events = []
    for _ in range(how_many):
        with transaction.atomic():
            events.append(
                record_audit_event(
                    actor=None,
                    action=AuditAction.REQUEST_VIEWED,
                    stream=stream,
                    subject_type="request",
                    subject_id=stream.split(":")[1],
                )
            )
    return events


def _as_sealed_before_keys(tamper: Tamper, stream: str, action: str | None = None) -> None:
    """Rewrite a stream the way it stood before this change: plain SHA-256, no key id."""
    previous = GENESIS_HASH
    for event in AuditEvent.objects.filter(stream=stream).order_by("sequence"):
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        fields |= {"previous_hash": previous, "action": action or event.action}
        new_hash = hash_event_fields(fields)
        tamper(
            "UPDATE audit_auditevent SET key_id = '', action = %s, previous_hash = %s, "
            "hash = %s WHERE id = %s",
            (fields["action"], previous, new_hash, event.pk),
        )
        previous = new_hash
    tamper("UPDATE audit_auditstreamhead SET last_hash = %s WHERE stream = %s", (previous, stream))


def _migrate() -> None:
    _migration.anchor_unkeyed_events(apps, SimpleNamespace(connection=connection))


def _verify() -> Any:
    read = read_checkpoint_file()
    checkpoints, problems = read if read is not None else ([], [])
    return verify_audit_trail(checkpoints=checkpoints, checkpoint_problems=problems)


def test_unkeyed_events_anchored_by_the_migration_verify_beside_keyed_ones(
    tamper: Tamper, checkpoint_file: Path
) -> None:
    _record("request:1", 3)
    _as_sealed_before_keys(tamper, "request:1")
    _migrate()
    assert checkpoint_file.read_text().count("\n") == 1
    later = _record("request:1", 2)
    assert [event.key_id for event in later] == [chain_keys().current_id] * 2
    assert _verify().is_intact


def test_the_migration_writes_nothing_for_a_trail_without_unkeyed_events(
    checkpoint_file: Path,
) -> None:
    _record("request:1", 1)
    _migrate()
    assert not checkpoint_file.exists()


def test_unkeyed_events_without_an_anchor_are_refused(tamper: Tamper) -> None:
    _record("request:1", 2)
    _as_sealed_before_keys(tamper, "request:1")
    first_break = _verify().first_break
    assert first_break is not None
    assert (first_break.sequence, "no checkpoint anchors it" in first_break.explanation) == (
        1,
        True,
    )


def test_an_anchored_unkeyed_stream_rewritten_with_sha256_is_caught(tamper: Tamper) -> None:
    _record("request:1", 3)
    _as_sealed_before_keys(tamper, "request:1")
    _migrate()
    _as_sealed_before_keys(tamper, "request:1", action="request.approved")
    first_break = _verify().first_break
    assert first_break is not None
    assert (first_break.stream, first_break.sequence) == ("request:1", 3)
    assert "recorded another hash at this sequence" in first_break.explanation


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("LIFELINE_AUDIT_KEYS", ["nocolon"], "KEY_ID:BASE64"),
        ("LIFELINE_AUDIT_KEYS", ["a1:!!!"], "not base64"),
        ("LIFELINE_AUDIT_KEYS", ["a1:c2hvcnQ="], "at least 32 bytes"),
        ("LIFELINE_AUDIT_KEYS", [], "at least one key"),
        ("LIFELINE_AUDIT_CHECKPOINT_KEYS", ["same"], "ids and keys of their own"),
    ],
)
def test_misconfigured_keys_are_refused_with_a_clear_message(
    settings: Any, setting: str, value: list[str], message: str
) -> None:
    if value == ["same"]:
        value = list(settings.LIFELINE_AUDIT_KEYS)
    setattr(settings, setting, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        checkpoint_keys()
