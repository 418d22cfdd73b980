"""The transition table helper: roles per move, targets, sources and one clear refusal."""

from __future__ import annotations

import pytest
from django.db import models

from lifeline.core.errors import TransitionNotAllowed
from lifeline.core.state_machine import TransitionTable


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    OFF = "off", "Switched off"


TABLE = TransitionTable(
    noun="light",
    choices=Light,
    moves={
        (Light.RED, Light.GREEN): {"system"},
        (Light.GREEN, Light.AMBER): {"system"},
        (Light.AMBER, Light.RED): {"system"},
        (Light.RED, Light.OFF): {"engineer"},
    },
)


def test_a_listed_move_is_allowed_only_for_its_roles() -> None:
    assert TABLE.roles_allowed(Light.RED, Light.OFF) == {"engineer"}
    assert TABLE.can_move(Light.RED, Light.OFF, "engineer")
    assert not TABLE.can_move(Light.RED, Light.OFF, "system")
    assert TABLE.roles_allowed(Light.GREEN, Light.RED) == frozenset()


def test_targets_sources_and_final_states_come_from_the_table() -> None:
    assert TABLE.targets_from(Light.RED) == {Light.GREEN, Light.OFF}
    assert TABLE.targets_from(Light.RED, "system") == {Light.GREEN}
    assert TABLE.sources_to(Light.RED, "system") == {Light.AMBER}
    assert TABLE.final_states() == {Light.OFF}


def test_a_refused_move_names_both_states_and_the_role() -> None:
    with pytest.raises(TransitionNotAllowed) as refused:
        TABLE.check(Light.OFF, Light.RED, "system")
    assert refused.value.message == (
        "A light that is switched off cannot be moved to red by a system."
    )
    assert refused.value.details == {"from": "off", "to": "red", "role": "system"}


@pytest.mark.parametrize(
    "moves",
    [{("red", "blue"): {"system"}}, {("red", "red"): {"system"}}],
    ids=["unknown state", "move to itself"],
)
def test_a_table_with_an_unknown_state_or_a_move_to_itself_is_refused_at_import(
    moves: dict,
) -> None:
    with pytest.raises(ValueError):
        TransitionTable(noun="light", choices=Light, moves=moves)
