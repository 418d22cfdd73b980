"""Walk every audit stream in order, against the keys and the checkpoints; name the first break."""

from __future__ import annotations

import enum
import hmac
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lifeline.audit.chain import (
    GENESIS_HASH,
    HASHED_FIELDS,
    UNKEYED,
    hash_event_fields,
    seal_event_fields,
)
from lifeline.audit.checkpoints import Checkpoint, CheckpointProblem
from lifeline.audit.keys import KeyRing, chain_keys
from lifeline.audit.models import AuditEvent, AuditStreamHead

_COLUMNS = ("id", "hash", "key_id", *HASHED_FIELDS)
_PROGRESS_STEP = 1000


class BreakKind(enum.StrEnum):
    MODIFIED = "modified"
    DELETED = "deleted"
    UNLINKED = "unlinked"
    UNRECORDED = "unrecorded"


@dataclass(frozen=True)
class ChainBreak:
    """Where a stream stops being trustworthy, and why."""

    kind: BreakKind
    stream: str
    sequence: int
    event_id: int | None
    explanation: str

    def describe(self) -> str:
        event = f"event {self.event_id}" if self.event_id is not None else "no event row"
        return (
            f"{self.kind.value}: stream {self.stream} sequence {self.sequence} "
            f"({event}): {self.explanation}"
        )


@dataclass(frozen=True)
class Pin:
    """What a checkpoint recorded for one stream: its head sequence and hash at that time."""

    sequence: int
    hash: str
    checkpoint: Checkpoint


@dataclass(frozen=True)
class Anchors:
    """What the checkpoints pin, stream by stream, and how far the unkeyed epoch may reach."""

    pins: dict[str, dict[int, Pin]]
    unkeyed_limits: dict[str, int]

    @classmethod
    def from_checkpoints(cls, checkpoints: Iterable[Checkpoint]) -> Anchors:
        """Every checkpoint pins its heads; the first one bounds the unkeyed (SHA-256) events."""
        pins: dict[str, dict[int, Pin]] = {}
        unkeyed_limits: dict[str, int] | None = None
        for checkpoint in checkpoints:
            if unkeyed_limits is None:
                unkeyed_limits = {stream: head[0] for stream, head in checkpoint.heads.items()}
            for stream, (sequence, head) in checkpoint.heads.items():
                pins.setdefault(stream, {}).setdefault(sequence, Pin(sequence, head, checkpoint))
        return cls(pins=pins, unkeyed_limits=unkeyed_limits or {})


_NO_ANCHORS = Anchors(pins={}, unkeyed_limits={})


@dataclass(frozen=True)
class VerificationReport:
    stream_count: int
    event_count: int
    breaks: tuple[ChainBreak, ...]
    checkpoint_problems: tuple[CheckpointProblem, ...] = ()

    @property
    def is_intact(self) -> bool:
        return not self.breaks and not self.checkpoint_problems

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


def _sequences(first: int, last: int) -> str:
    return f"sequence {first} is" if first == last else f"sequences {first}..{last} are"


def _seal_problem(
    row: dict[str, Any], ring: KeyRing, unkeyed_limit: int, after_keyed: bool
) -> str | None:
    """Why the row's stored seal cannot be trusted, if it cannot."""
    key_id = row["key_id"]
    if key_id == UNKEYED:
        if after_keyed:
            return "it is sealed with plain SHA-256, without a key, after keyed events"
        if row["sequence"] > unkeyed_limit:
            return (
                "it is sealed with plain SHA-256, without a key, and no checkpoint anchors it "
                "(only events from before keyed sealing may be, up to the first checkpoint)"
            )
        expected = hash_event_fields(row)
    else:
        key = ring.key(key_id)
        if key is None:
            return f"it names key id {key_id!r}, which is not configured"
        expected = seal_event_fields(row, key_id=key_id, key=key)
    if not hmac.compare_digest(expected, row["hash"]):
        return "its stored seal does not match its contents under its key"
    return None


def _pin_break(stream: str, row: dict[str, Any], pin: Pin) -> ChainBreak:
    return ChainBreak(
        BreakKind.MODIFIED,
        stream,
        pin.sequence,
        row["id"],
        f"{pin.checkpoint.describe()} recorded another hash at this sequence: "
        "the stream was rewritten or rolled back and regrown",
    )


def _check_stream(
    stream: str,
    rows: Iterable[dict[str, Any]],
    head: tuple[int, str] | None,
    ring: KeyRing,
    anchors: Anchors,
) -> tuple[int, ChainBreak | None]:
    """Count a stream's rows and find its first break, if any."""
    expected_sequence, expected_previous, found = 1, GENESIS_HASH, None
    count, last_id = 0, None
    pins = anchors.pins.get(stream, {})
    unkeyed_limit = anchors.unkeyed_limits.get(stream, 0)
    after_keyed = False
    for row in rows:
        count += 1
        if found is not None:
            continue
        sequence, event_id = row["sequence"], row["id"]
        pin = pins.get(sequence)
        if sequence != expected_sequence:
            found = ChainBreak(
                BreakKind.DELETED,
                stream,
                expected_sequence,
                None,
                f"{_sequences(expected_sequence, sequence - 1)} missing before event {event_id}",
            )
        elif (problem := _seal_problem(row, ring, unkeyed_limit, after_keyed)) is not None:
            found = ChainBreak(BreakKind.MODIFIED, stream, sequence, event_id, problem)
        elif row["previous_hash"] != expected_previous:
            found = ChainBreak(
                BreakKind.UNLINKED,
                stream,
                sequence,
                event_id,
                "it does not link to the event before it, which was rewritten or replaced",
            )
        elif pin is not None and pin.hash != row["hash"]:
            found = _pin_break(stream, row, pin)
        expected_sequence, expected_previous, last_id = sequence + 1, row["hash"], event_id
        after_keyed = after_keyed or row["key_id"] != UNKEYED
    if found is not None:
        return count, found
    last_sequence = expected_sequence - 1
    found = _check_tail(stream, last_sequence, expected_previous, last_id, head)
    return count, found or _check_against_checkpoints(stream, last_sequence, pins)


def _check_against_checkpoints(
    stream: str, last_sequence: int, pins: dict[int, Pin]
) -> ChainBreak | None:
    """A checkpoint that recorded more of this stream than is stored: its tail was removed."""
    if not pins:
        return None
    newest = pins[max(pins)]
    if newest.sequence <= last_sequence:
        return None
    if last_sequence == 0:
        explanation = (
            f"{newest.checkpoint.describe()} recorded this stream at sequence "
            f"{newest.sequence}; it is gone: the whole stream was deleted"
        )
    else:
        explanation = (
            f"{newest.checkpoint.describe()} recorded sequence {newest.sequence}, the newest "
            f"stored is {last_sequence}: the tail was removed and the head rolled back"
        )
    return ChainBreak(BreakKind.DELETED, stream, last_sequence + 1, None, explanation)


def _check_tail(
    stream: str,
    last_sequence: int,
    last_hash: str,
    last_id: int | None,
    head: tuple[int, str] | None,
) -> ChainBreak | None:
    """Compare the newest event with the head, which catches removal or rewrite at the end."""
    if head is None:
        return ChainBreak(
            BreakKind.UNRECORDED,
            stream,
            last_sequence,
            last_id,
            "the stream has events but no head row: the head was deleted or events were forged",
        )
    head_sequence, head_hash = head
    if head_sequence > last_sequence:
        return ChainBreak(
            BreakKind.DELETED,
            stream,
            last_sequence + 1,
            None,
            f"{_sequences(last_sequence + 1, head_sequence)} missing: the head records "
            f"{head_sequence} events, the newest stored is {last_sequence}",
        )
    if head_sequence < last_sequence:
        return ChainBreak(
            BreakKind.UNRECORDED,
            stream,
            head_sequence + 1,
            None,
            f"events after sequence {head_sequence} were added without moving the head",
        )
    if head_hash != last_hash:
        return ChainBreak(
            BreakKind.MODIFIED,
            stream,
            last_sequence,
            last_id,
            "the newest event does not match the hash its stream head recorded",
        )
    return None


def _counted(
    rows: Iterator[dict[str, Any]], on_progress: Callable[[int], None]
) -> Iterator[dict[str, Any]]:
    pending = 0
    for row in rows:
        yield row
        pending += 1
        if pending == _PROGRESS_STEP:
            on_progress(pending)
            pending = 0
    on_progress(pending)


def verify_audit_trail(
    *,
    on_progress: Callable[[int], None] | None = None,
    chunk_size: int = 5000,
    checkpoints: Sequence[Checkpoint] = (),
    checkpoint_problems: Sequence[CheckpointProblem] = (),
) -> VerificationReport:
    """Recheck every seal and link, stream by stream, and every head the checkpoints recorded.

    One break is reported per broken stream. Without checkpoints only the keyed chains and the
    stream heads are checked: a removed tail or stream then goes unnoticed.
    """
    ring = chain_keys()
    anchors = Anchors.from_checkpoints(checkpoints) if checkpoints else _NO_ANCHORS
    heads = {
        stream: (last_sequence, last_hash)
        for stream, last_sequence, last_hash in AuditStreamHead.objects.values_list(
            "stream", "last_sequence", "last_hash"
        )
    }
    rows: Iterator[dict[str, Any]] = (
        AuditEvent.objects.order_by("stream", "sequence")
        .values(*_COLUMNS)
        .iterator(chunk_size=chunk_size)
    )
    if on_progress is not None:
        rows = _counted(rows, on_progress)
    breaks: list[ChainBreak] = []
    event_count, seen = 0, set()
    for stream, stream_rows in itertools.groupby(rows, key=lambda row: row["stream"]):
        seen.add(stream)
        count, found = _check_stream(stream, stream_rows, heads.get(stream), ring, anchors)
        event_count += count
        if found is not None:
            breaks.append(found)
    for stream in sorted((set(heads) | set(anchors.pins)) - seen):
        found = None
        if stream in heads:
            found = _check_tail(stream, 0, GENESIS_HASH, None, heads[stream])
        found = found or _check_against_checkpoints(stream, 0, anchors.pins.get(stream, {}))
        if found is not None:
            breaks.append(found)
    breaks.sort(key=lambda found: found.stream)
    return VerificationReport(
        stream_count=len(seen | set(heads)),
        event_count=event_count,
        breaks=tuple(breaks),
        checkpoint_problems=tuple(checkpoint_problems),
    )


def verify_streams(streams: Collection[str]) -> VerificationReport:
    """Recheck the seals and links of the given streams up to their heads (what the audit
    trail page shows beside the events it lists; the full check, with checkpoints, is the
    `verify_audit_trail` command)."""
    ring = chain_keys()
    wanted = sorted(set(streams))
    heads = {
        stream: (last_sequence, last_hash)
        for stream, last_sequence, last_hash in AuditStreamHead.objects.filter(
            stream__in=wanted
        ).values_list("stream", "last_sequence", "last_hash")
    }
    rows = (
        AuditEvent.objects.filter(stream__in=wanted)
        .order_by("stream", "sequence")
        .values(*_COLUMNS)
        .iterator(chunk_size=5000)
    )
    breaks: list[ChainBreak] = []
    event_count = 0
    for stream, stream_rows in itertools.groupby(rows, key=lambda row: row["stream"]):
        count, found = _check_stream(stream, stream_rows, heads.get(stream), ring, _NO_ANCHORS)
        event_count += count
        if found is not None:
            breaks.append(found)
    return VerificationReport(
        stream_count=len(wanted), event_count=event_count, breaks=tuple(breaks)
    )
