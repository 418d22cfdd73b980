"""Walk every audit stream in order and report the first event that was changed or removed."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lifeline.audit.chain import GENESIS_HASH, HASHED_FIELDS, hash_event_fields
from lifeline.audit.models import AuditEvent, AuditStreamHead

_COLUMNS = ("id", "hash", *HASHED_FIELDS)
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
class VerificationReport:
    stream_count: int
    event_count: int
    breaks: tuple[ChainBreak, ...]

    @property
    def is_intact(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


def _sequences(first: int, last: int) -> str:
    return f"sequence {first} is" if first == last else f"sequences {first}..{last} are"


def _check_stream(
    stream: str, rows: Iterable[dict[str, Any]], head: tuple[int, str] | None
) -> tuple[int, ChainBreak | None]:
    """Count a stream's rows and find its first break, if any."""
    expected_sequence, expected_previous, found = 1, GENESIS_HASH, None
    count, last_id = 0, None
    for row in rows:
        count += 1
        if found is not None:
            continue
        sequence, event_id = row["sequence"], row["id"]
        if sequence != expected_sequence:
            found = ChainBreak(
                BreakKind.DELETED,
                stream,
                expected_sequence,
                None,
                f"{_sequences(expected_sequence, sequence - 1)} missing before event {event_id}",
            )
        elif hash_event_fields(row) != row["hash"]:
            found = ChainBreak(
                BreakKind.MODIFIED,
                stream,
                sequence,
                event_id,
                "its stored hash does not match its contents",
            )
        elif row["previous_hash"] != expected_previous:
            found = ChainBreak(
                BreakKind.UNLINKED,
                stream,
                sequence,
                event_id,
                "it does not link to the event before it, which was rewritten or replaced",
            )
        expected_sequence, expected_previous, last_id = sequence + 1, row["hash"], event_id
    if found is not None:
        return count, found
    return count, _check_tail(stream, expected_sequence - 1, expected_previous, last_id, head)


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
    *, on_progress: Callable[[int], None] | None = None, chunk_size: int = 5000
) -> VerificationReport:
    """Recompute every hash and link, stream by stream; one break reported per broken stream."""
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
        count, found = _check_stream(stream, stream_rows, heads.get(stream))
        event_count += count
        if found is not None:
            breaks.append(found)
    for stream in sorted(set(heads) - seen):
        found = _check_tail(stream, 0, GENESIS_HASH, None, heads[stream])
        if found is not None:
            breaks.append(found)
    breaks.sort(key=lambda found: found.stream)
    return VerificationReport(
        stream_count=len(seen | set(heads)), event_count=event_count, breaks=tuple(breaks)
    )
