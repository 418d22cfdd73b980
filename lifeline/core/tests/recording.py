"""A test helper that records every domain event published, after its real subscribers ran."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from lifeline.core import events
from lifeline.core.events import DomainEvent


def record_events(monkeypatch: pytest.MonkeyPatch) -> list[DomainEvent]:
    """Append a recorder to every event's subscribers; returns the list it fills."""
    published: list[DomainEvent] = []

    def record_many(many: Sequence[DomainEvent]) -> None:
        published.extend(many)

    @events.batched(record_many)
    def record(event: DomainEvent) -> None:
        published.append(event)

    real = events.subscribers
    monkeypatch.setattr(events, "subscribers", lambda event_type: (*real(event_type), record))
    return published
