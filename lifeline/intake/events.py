"""Events intake publishes: a request submitted, a request moved, evidence added."""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.core.events import DomainEvent


@dataclass(frozen=True)
class RequestSubmitted(DomainEvent):
    """Published by `submit_request`, and by `import_requests` for each request it files."""

    request_id: int
    reference: str
    status: str
    prescreen_outcome: str


@dataclass(frozen=True)
class RequestStatusChanged(DomainEvent):
    """Published by `transition_request` (and `move_request`) for each status move."""

    request_id: int
    reference: str
    from_status: str
    to_status: str
    actor_role: str


@dataclass(frozen=True)
class EvidenceAdded(DomainEvent):
    """Published by `add_evidence` once the file is stored."""

    evidence_id: int
    request_id: int
    kind: str
