"""Parole terms follow the policy timeline: a termination in force cuts each term of its
program (ending those already past the cut, with an individual notice), and a court order that
blocks that termination reopens the terms it had cut, here or in the supervisor's run. Every
move goes through the parole state table and is audited; a subject whose timeline was last
checked before the date moves nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.services import cut_term_for_termination, lock_term, reopen_term_for_order
from lifeline.parole.terms import TerminationInForce, termination_in_force
from lifeline.pathways.registry import get_pathway_registry
from lifeline.programs.registry import get_registry
from lifeline.programs.timeline import Timeline, TimelineEvent


@dataclass
class TermMoves:
    on: dt.date
    cut: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)


def move_terms_with_timeline(*, on: dt.date | None = None) -> TermMoves:
    """Apply the timeline in force on `on` (today) to every arrived term of each paroled
    program it names; one transaction per term."""
    day = on or clock.today()
    registry = get_pathway_registry()
    moves = TermMoves(day)
    for subject in registry.timeline.subjects("parole:"):
        program = subject.split(":", 1)[1]
        announced = registry.timeline.termination_on(subject, day)
        if not registry.timeline.state_on(subject, day).known:
            moves.not_checked.append(program)
        elif announced is None:
            continue
        elif announced.blocked_by is not None:
            for term_id in _term_ids(program, (TermStatus.ACTIVE, TermStatus.ENDED)):
                _reopen(term_id, announced.event, announced.blocked_by, day, moves)
        elif (termination := _in_force(registry.timeline, program, day)) is not None:
            for term_id in _term_ids(program, (TermStatus.ACTIVE,)):
                _cut(term_id, termination, day, moves)
    return moves


def _term_ids(program: str, statuses: tuple[str, ...]) -> list[int]:
    return list(
        ParoleTerm.objects.filter(program=program, status__in=statuses, arrived_on__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _in_force(timeline: Timeline, program: str, on: dt.date) -> TerminationInForce | None:
    """The program's termination in force on `on`, with the exceptions its versions state
    (none for a program the registry does not load)."""
    try:
        versions = get_registry().versions(program)
    except DomainError:
        versions = []
    return termination_in_force(timeline, versions, program, on)


def _cut(term_id: int, termination: TerminationInForce, on: dt.date, moves: TermMoves) -> None:
    with transaction.atomic():
        term = lock_term(term_id)
        done = cut_term_for_termination(term, termination, on=on, actor=None)
    if done is not None and done.cut:
        moves.cut.append(term.request.reference)
    if done is not None and done.ended:
        moves.ended.append(term.request.reference)


def _reopen(
    term_id: int,
    termination: TimelineEvent,
    order: TimelineEvent,
    on: dt.date,
    moves: TermMoves,
) -> None:
    with transaction.atomic():
        term = lock_term(term_id)
        outcome = reopen_term_for_order(term, termination=termination, order=order, on=on)
    if outcome == "reopened":
        moves.reopened.append(term.request.reference)
    elif outcome == "restored":
        moves.restored.append(term.request.reference)
