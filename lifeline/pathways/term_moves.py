"""Parole terms follow the policy timeline: a termination in force cuts each term of its
program (ending those already past the cut, with an individual notice), and a court order that
blocks that termination reopens the terms it had cut, here or in the supervisor's run. Every
move goes through the parole state table and is audited; a subject whose timeline was last
checked before the date moves nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.notices.enums import NoticeKind
from lifeline.notices.services import issue_notice
from lifeline.parole import workflow
from lifeline.parole.enums import EndReason, TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.services import lock_term, save_term
from lifeline.pathways import selectors
from lifeline.pathways.engine import parole_on
from lifeline.pathways.registry import PathwayRegistry, get_pathway_registry
from lifeline.programs.timeline import TimelineEvent


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
        elif announced.blocked_by is None:
            for term_id in _term_ids(program, (TermStatus.ACTIVE,)):
                _cut(term_id, announced.event, registry, day, moves)
        else:
            for term_id in _term_ids(program, (TermStatus.ACTIVE, TermStatus.ENDED)):
                _reopen(term_id, announced.event, announced.blocked_by, day, moves)
    return moves


def _term_ids(program: str, statuses: tuple[str, ...]) -> list[int]:
    return list(
        ParoleTerm.objects.filter(program=program, status__in=statuses, arrived_on__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _cut(
    term_id: int,
    termination: TimelineEvent,
    registry: PathwayRegistry,
    on: dt.date,
    moves: TermMoves,
) -> None:
    with transaction.atomic():
        term = lock_term(term_id)
        if term.status != TermStatus.ACTIVE or term.ends_on is None:
            return
        parole = parole_on(selectors.pathway_request_for(term.request, term), on, registry)
        if parole.ends_on is None:
            return
        cut = parole.ends_on < term.ends_on
        # A term cut when the termination was announced ends once its new end has passed.
        due = parole.ends_on < on and (
            cut or (term.terminated_by_event == termination.id and parole.ends_on == term.ends_on)
        )
        if not (cut or due):
            return  # the termination leaves this term's end where it is (e.g. an exception)
        reference = term.request.reference
        if cut:
            term.ends_on, term.end_explanation = parole.ends_on, parole.reason
            term.end_reason, term.terminated_by_event = EndReason.TERMINATED, termination.id
            term.reparole_window_opens_on = None
            audit_subject(
                term,
                actor=None,
                action=AuditAction.PAROLE_TERM_CUT_BY_TERMINATION,
                details={"ends_on": parole.ends_on.isoformat(), "event": termination.id},
            )
            moves.cut.append(reference)
        if due:
            workflow.move(term, TermStatus.ENDED, role=workflow.SYSTEM)
            term.ended_on = parole.ends_on
            audit_subject(
                term,
                actor=None,
                action=AuditAction.PAROLE_TERM_ENDED,
                details={"ended_on": parole.ends_on.isoformat(), "reason": term.end_reason},
            )
            moves.ended.append(reference)
        save_term(term)
        if cut:
            issue_notice(
                request=term.request,
                kind=NoticeKind.TERMINATION,
                key=f"termination:{term.pk}:{termination.id}",
                context={
                    "ends_on": parole.ends_on.isoformat(),
                    "citation": termination.sources[0].label,
                },
            )


def _reopen(
    term_id: int,
    termination: TimelineEvent,
    order: TimelineEvent,
    on: dt.date,
    moves: TermMoves,
) -> None:
    with transaction.atomic():
        term = lock_term(term_id)
        if term.terminated_by_event != termination.id or term.original_ends_on is None:
            return
        original = term.original_ends_on
        term.ends_on, term.terminated_by_event = original, ""
        term.end_explanation = (
            f"A court order ({order.summary}) blocks the termination; parole runs to its "
            f"I-94 date {original}."
        )
        reopened = term.status == TermStatus.ENDED and original >= on
        if reopened:
            workflow.move(term, TermStatus.ACTIVE, role=workflow.SYSTEM)
            term.ended_on, term.end_reason = None, ""
            moves.reopened.append(term.request.reference)
        elif term.status == TermStatus.ENDED:
            term.ended_on, term.end_reason = original, EndReason.EXPIRED
            moves.restored.append(term.request.reference)
        else:
            term.end_reason = ""
            moves.restored.append(term.request.reference)
        save_term(term)
        audit_subject(
            term,
            actor=None,
            action=AuditAction.PAROLE_TERM_REOPENED,
            details={"ends_on": original.isoformat(), "order": order.id, "status": term.status},
        )
