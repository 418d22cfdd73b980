"""What an audited thing says about itself: its stream, subject, case reference and people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class AuditTarget:
    """Where events about one thing go. `context` opens the details of every such event."""

    stream: str
    subject_type: str
    subject_id: str | int
    case_reference: str = ""
    person_ids: Sequence[int] = ()
    context: Mapping[str, Any] = field(default_factory=dict)


class AuditSubject(Protocol):
    """A model whose writes are audited: it names its own target."""

    def audit_target(self) -> AuditTarget: ...
