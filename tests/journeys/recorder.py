"""Read a journey's audit events in the order they were written, reduced to their stable fields."""

from __future__ import annotations

import re
from typing import Any

from tests.journeys.steps import AuditEvent, final_states

ID = "<id>"
TIME = "<time>"
RANDOM = "<random>"
# Keys whose values are database ids, clock readings or random codes: kept, their values masked.
_RANDOM_KEYS = frozenset({"verification_code", "receipt", "reference"})
_REFERENCE = re.compile(r"\b(HP|SD)-[0-9A-Z]{10}\b")


def _is_row_id(value: Any) -> bool:
    if isinstance(value, list):
        return all(_is_row_id(item) for item in value)
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())


def _mask(key: str, value: Any) -> str | None:
    """The placeholder for this key's value, or None to keep it (a cap id is a name: kept)."""
    if value is None:
        return None
    if (key == "id" or key.endswith(("_id", "_ids"))) and _is_row_id(value):
        return ID
    if key.endswith("_at"):
        return TIME
    if key in _RANDOM_KEYS:
        return RANDOM
    return None


def stable(value: Any) -> Any:
    """A payload with ids, timestamps and random references replaced by placeholders."""
    if isinstance(value, dict):
        return {key: _mask(key, item) or stable(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [stable(item) for item in value]
    if isinstance(value, str):
        return _REFERENCE.sub(r"<\1 reference>", value)
    return value


class _Streams:
    """Names each stream by its kind and order of first appearance (request#1, request#2...)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.counts: dict[str, int] = {}

    def name(self, stream: str) -> str:
        if stream not in self.names:
            kind = stream.split(":", 1)[0]
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.names[stream] = f"{kind}#{self.counts[kind]}"
        return self.names[stream]


def audit_events(after_id: int = 0) -> list[dict[str, Any]]:
    """Every audit event written after `after_id`, in the order written (the id column:
    the clock is frozen, so `occurred_at` ties), with only the fields that are stable."""
    streams = _Streams()
    events = (
        AuditEvent.objects.filter(pk__gt=after_id)
        .select_related("actor", "on_behalf_of")
        .order_by("pk")
    )
    return [
        {
            "stream": streams.name(event.stream),
            "action": event.action,
            "actor_role": event.actor_role,
            "on_behalf_of": event.on_behalf_of.role if event.on_behalf_of else None,
            "subject": event.subject_type,
            "has_case_reference": bool(event.case_reference),
            "people": len(event.person_ids),
            "details": stable(event.details),
        }
        for event in events
    ]


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def record(after_id: int = 0) -> dict[str, Any]:
    """What a journey left: its ordered audit events and the final state of each request."""
    return {"events": audit_events(after_id), "final_states": final_states()}
