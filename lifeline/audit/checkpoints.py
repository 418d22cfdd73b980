"""Signed checkpoints: every stream's head, appended as one HMAC-signed line to a file elsewhere."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from lifeline.audit.chain import GENESIS_HASH, canonical_json
from lifeline.audit.keys import KeyRing, checkpoint_keys
from lifeline.audit.models import AuditStreamHead
from lifeline.core import clock

FORMAT_VERSION = 1
_TAIL_BLOCK = 64 * 1024


@dataclass(frozen=True)
class Checkpoint:
    """One verified line: when, under which key, and each stream's (head sequence, head hash)."""

    line_number: int
    taken_at: str
    key_id: str
    heads: dict[str, tuple[int, str]]
    mac: str

    def describe(self) -> str:
        return f"checkpoint {self.taken_at} (line {self.line_number}, {len(self.heads)} streams)"


@dataclass(frozen=True)
class CheckpointProblem:
    """A line of the checkpoint file that cannot be trusted, and why."""

    line_number: int
    explanation: str

    def describe(self) -> str:
        return f"checkpoint file line {self.line_number}: {self.explanation}"


def checkpoint_path() -> Path:
    return Path(settings.LIFELINE_AUDIT_CHECKPOINT_PATH)


def _sign(body: dict[str, Any], key: bytes) -> str:
    return hmac.new(key, canonical_json(body).encode("utf-8"), hashlib.sha256).hexdigest()


def signed_line(
    *,
    heads: dict[str, tuple[int, str]],
    taken_at: dt.datetime,
    previous_mac: str,
    ring: KeyRing,
) -> str:
    """The checkpoint as one line of canonical JSON, signed with the current checkpoint key."""
    body: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "at": taken_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "key_id": ring.current_id,
        "stream_count": len(heads),
        "heads": {stream: [sequence, head] for stream, (sequence, head) in sorted(heads.items())},
        "previous_mac": previous_mac,
    }
    body["mac"] = _sign(body, ring.keys[ring.current_id])
    return canonical_json(body) + "\n"


def _last_line(handle: IO[bytes]) -> bytes:
    """The file's last non-empty line, read backwards from the end."""
    end = handle.seek(0, os.SEEK_END)
    tail, position = b"", end
    while position > 0:
        step = min(_TAIL_BLOCK, position)
        position -= step
        handle.seek(position)
        tail = handle.read(step) + tail
        lines = tail.rstrip(b"\n").split(b"\n")
        if len(lines) > 1 or position == 0:
            return lines[-1]
    return b""


def _previous_mac(handle: Any) -> str:
    last = _last_line(handle)
    if not last.strip():
        return GENESIS_HASH
    try:
        mac = json.loads(last)["mac"]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(
            "The last line of the audit checkpoint file is not a checkpoint; "
            "run `lifeline audit verify` and investigate before writing more."
        ) from error
    return str(mac)


def append_checkpoint(heads: dict[str, tuple[int, str]], *, path: Path | None = None) -> str:
    """Append one signed line for `heads` (locked, O_APPEND, fsynced); returns the line."""
    path = path or checkpoint_path()
    ring = checkpoint_keys()
    created = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(descriptor, "r+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # two writers must not both chain to the same line
        line = signed_line(
            heads={stream: head for stream, head in heads.items() if head[0] > 0},
            taken_at=clock.now(),
            previous_mac=_previous_mac(handle),
            ring=ring,
        )
        handle.write(line.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    if created:  # the new file's name must survive a crash too
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return line


def _parse(line_number: int, raw: bytes, ring: KeyRing, previous_mac: str) -> Checkpoint | str:
    """A verified checkpoint, or the reason the line cannot be trusted."""
    try:
        body = json.loads(raw)
        mac = body.pop("mac")
        key_id, taken_at, heads = body["key_id"], body["at"], body["heads"]
        parsed = {stream: (int(head[0]), str(head[1])) for stream, head in heads.items()}
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return "it is not a checkpoint line"
    key = ring.key(str(key_id))
    if key is None:
        return f"it is signed with key id {key_id!r}, which is not configured"
    if not hmac.compare_digest(_sign(body, key), str(mac)):
        return f"the checkpoint of {taken_at} was altered: its signature does not match"
    if body.get("stream_count") != len(parsed):
        return f"the checkpoint of {taken_at} counts {body.get('stream_count')} streams"
    if body.get("previous_mac") != previous_mac:
        return (
            f"the checkpoint of {taken_at} does not follow the line before it: "
            "a checkpoint was removed, reordered or inserted"
        )
    return Checkpoint(line_number, str(taken_at), str(key_id), parsed, str(mac))


def read_checkpoints(
    lines: Iterable[bytes],
) -> tuple[list[Checkpoint], list[CheckpointProblem]]:
    """Every line checked against its signature and the line before it."""
    ring = checkpoint_keys()
    checkpoints: list[Checkpoint] = []
    problems: list[CheckpointProblem] = []
    previous_mac = GENESIS_HASH
    for line_number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        parsed = _parse(line_number, raw, ring, previous_mac)
        if isinstance(parsed, str):
            problems.append(CheckpointProblem(line_number, parsed))
            previous_mac = _mac_of(raw)
            continue
        checkpoints.append(parsed)
        previous_mac = parsed.mac
    return checkpoints, problems


def _mac_of(raw: bytes) -> str:
    try:
        return str(json.loads(raw)["mac"])
    except (ValueError, KeyError, TypeError):
        return ""


def read_checkpoint_file(
    path: Path | None = None,
) -> tuple[list[Checkpoint], list[CheckpointProblem]] | None:
    """The checkpoints in the file, or None when there is no file yet."""
    path = path or checkpoint_path()
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_checkpoints(handle)


def take_audit_checkpoint(*, path: Path | None = None) -> Checkpoint:
    """Read every stream head in one statement (one consistent view) and append it signed."""
    heads = {
        stream: (int(sequence), str(head))
        for stream, sequence, head in AuditStreamHead.objects.values_list(
            "stream", "last_sequence", "last_hash"
        )
    }
    body = json.loads(append_checkpoint(heads, path=path))
    recorded = {stream: (int(head[0]), str(head[1])) for stream, head in body["heads"].items()}
    return Checkpoint(0, body["at"], body["key_id"], recorded, body["mac"])
