"""Events adjudication publishes."""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.core.events import DomainEvent


@dataclass(frozen=True)
class DecisionTookEffect(DomainEvent):
    """Published when a decision takes effect (recorded, or signed off by a supervisor)."""

    decision_id: int
    request_id: int
    outcome: str
