"""Transition tables: which (from, to) moves of a status field each role may make."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models

from lifeline.core.errors import TransitionNotAllowed


class TransitionTable:
    """Every allowed move of one entity's status and the roles that may make it; the rest is
    refused with TransitionNotAllowed."""

    def __init__(
        self,
        *,
        noun: str,
        choices: type[models.TextChoices],
        moves: Mapping[tuple[str, str], Iterable[str]],
    ) -> None:
        self.noun = noun
        self.choices = choices
        self.moves: dict[tuple[str, str], frozenset[str]] = {
            (str(a), str(b)): frozenset(str(role) for role in roles)
            for (a, b), roles in moves.items()
        }
        values = set(choices.values)
        unknown = {s for pair in self.moves for s in pair} - values
        if unknown:
            raise ValueError(f"Unknown {noun} states in the table: {sorted(unknown)}.")
        if any(a == b for a, b in self.moves):
            raise ValueError(f"A {noun} table lists a move from a state to itself.")

    @property
    def states(self) -> list[str]:
        return list(self.choices.values)

    def roles_allowed(self, from_state: str, to_state: str) -> frozenset[str]:
        return self.moves.get((from_state, to_state), frozenset())

    def can_move(self, from_state: str, to_state: str, role: str) -> bool:
        return role in self.roles_allowed(from_state, to_state)

    def targets_from(self, from_state: str, role: str | None = None) -> frozenset[str]:
        """Where a `from_state` row may go (for `role`, or for anyone)."""
        return frozenset(
            b
            for (a, b), roles in self.moves.items()
            if a == from_state and (not role or role in roles)
        )

    def sources_to(self, to_state: str, role: str) -> frozenset[str]:
        """The states `role` may move to `to_state` from (to filter a bulk update)."""
        return frozenset(
            a for (a, b), roles in self.moves.items() if b == to_state and role in roles
        )

    def final_states(self) -> frozenset[str]:
        """States with no way out."""
        return frozenset(s for s in self.states if not self.targets_from(s))

    def label(self, state: str) -> str:
        return str(self.choices(state).label).lower() if state in self.choices.values else state

    def check(self, from_state: str, to_state: str, role: str) -> None:
        """Refuse a move the table does not allow for this role."""
        if not self.can_move(from_state, to_state, role):
            raise TransitionNotAllowed(
                f"A {self.noun} that is {self.label(from_state)} cannot be moved to "
                f"{self.label(to_state)} by a {str(role).replace('_', ' ')}.",
                details={"from": from_state, "to": to_state, "role": role},
            )
