"""Events supporters publishes: a declaration of support filed or withdrawn."""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.core.events import DomainEvent


@dataclass(frozen=True)
class DeclarationSubmitted(DomainEvent):
    """Published by `declare_support` (bulk imports are screened with their requests)."""

    declaration_id: int
    reference: str
    program: str


@dataclass(frozen=True)
class DeclarationWithdrawn(DomainEvent):
    """Published by `withdraw_declaration`."""

    declaration_id: int
    reference: str
