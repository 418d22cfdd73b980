"""Events adjudication publishes."""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.core.events import DomainEvent


@dataclass(frozen=True)
class DecisionTookEffect(DomainEvent):
    """Published by `record_decision`, a second review or `sign_off_decision` as it takes effect."""

    decision_id: int
    request_id: int
    outcome: str
