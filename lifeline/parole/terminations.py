"""Program terminations applied to existing terms by one service, with a report of who is
affected; and the filings and individual determinations that can keep a term."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.core.idempotency import run_idempotent
from lifeline.parole import workflow
from lifeline.parole.enums import EndReason, FilingOutcome, TermStatus
from lifeline.parole.models import ParoleTerm, TerminationRun
from lifeline.parole.services import (
    cut_term_for_termination,
    lock_term,
    save_term,
    termination_end_of,
)
from lifeline.parole.terms import (
    Filing,
    FilingKind,
    TerminationInForce,
    termination_in_force,
)
from lifeline.programs.registry import get_registry
from lifeline.programs.timeline_files import get_timeline
from lifeline.triage.access import require_caseworker, require_supervisor

LIVE = (TermStatus.ACTIVE,)
NOT_YET_ARRIVED = (TermStatus.FEE_DUE, TermStatus.WAITING_FOR_CAP, TermStatus.TRAVEL_AUTHORIZED)
_BEFORE_ARRIVAL = (
    "The program was terminated before arrival; the travel authorization process ends."
)


@transaction.atomic
def apply_program_termination(
    *, actor: User, program: str, dry_run: bool = False
) -> dict[str, Any]:
    """Cut the active terms of `program` per its termination in force today; list everyone
    affected (and travel authorizations not yet used, which lapse). `dry_run` writes nothing."""
    require_supervisor(actor)
    today = clock.today()
    termination = termination_in_force(
        get_timeline(), get_registry().versions(program), program, today
    )
    if termination is None:
        raise NotFound(f"No termination of {program} is in force on {today}.")
    affected = []
    terms = (
        ParoleTerm.objects.select_for_update(of=("self",))
        .select_related("request", "request__beneficiary")
        .filter(program=program, status__in=(*LIVE, *NOT_YET_ARRIVED))
    )
    for term in terms.order_by("id"):
        if term.status in NOT_YET_ARRIVED:
            affected.append(_row(term, None, _BEFORE_ARRIVAL, termination.citation))
            if not dry_run:
                _end_before_arrival(term, termination, actor=actor, on=today)
            continue
        planned = termination_end_of(term, termination, on=today)
        if planned is None or term.ends_on is None or planned[0] >= term.ends_on:
            continue  # kept by an individual determination, or its end does not move
        affected.append(_row(term, *planned, termination.citation))
        if not dry_run:
            cut_term_for_termination(term, termination, on=today, actor=actor)
    report = {
        "program": program,
        "event": termination.event.id,
        "terminated_on": termination.announced_on.isoformat(),
        "terms_end_on": termination.terms_end_on.isoformat(),
        "dry_run": dry_run,
        "affected": affected,
    }
    if dry_run:
        return report
    earlier = _earlier_run(program, termination.announced_on)
    if earlier is not None and not affected:
        return {**earlier.report, "already_applied_at": earlier.applied_at.isoformat()}
    run = TerminationRun.objects.create(
        program=program,
        terminated_on=termination.announced_on,
        applied_at=clock.now(),
        applied_by=actor,
        affected_count=len(affected),
        report=report,
    )
    audit_subject(
        run,
        actor=actor,
        action=AuditAction.PAROLE_TERMINATION_APPLIED,
        details={"event": report["event"], "affected": [row["reference"] for row in affected]},
    )
    return report


def _earlier_run(program: str, terminated_on: dt.date) -> TerminationRun | None:
    """The last run of this termination, locked so that a second apply waits for the first."""
    return (
        TerminationRun.objects.select_for_update()
        .filter(program=program, terminated_on=terminated_on)
        .order_by("-applied_at", "-pk")
        .first()
    )


def _end_before_arrival(
    term: ParoleTerm, termination: TerminationInForce, *, actor: User, on: dt.date
) -> None:
    """A term not yet begun (fee due, waiting for the cap, travel authorized) ends today."""
    workflow.move(term, TermStatus.ENDED, role=actor.role)
    term.end_reason = EndReason.TERMINATED
    term.ended_on, term.end_explanation = on, _BEFORE_ARRIVAL
    save_term(term)
    audit_subject(
        term,
        actor=actor,
        action=AuditAction.PAROLE_TERM_ENDED,
        details={
            "ended_on": on.isoformat(),
            "reason": term.end_reason,
            "citation": termination.citation,
            "event": termination.event.id,
        },
    )


def _row(term: ParoleTerm, ends_on: dt.date | None, reason: str, citation: str) -> dict[str, Any]:
    return {
        "reference": term.request.reference,
        "beneficiary": str(term.request.beneficiary),
        "status": term.status,
        "previous_ends_on": term.ends_on.isoformat() if term.ends_on else None,
        "ends_on": ends_on.isoformat() if ends_on else None,
        "reason": reason,
        "citation": citation,
    }


def record_pending_filing(
    *,
    officer: User,
    term_id: int,
    kind: FilingKind,
    filed_on: dt.date,
    decided_on: dt.date | None = None,
    outcome: FilingOutcome | None = None,
    idempotency_key: str | None = None,
) -> ParoleTerm:
    """Record a filing (e.g. an I-485) that a termination exception may depend on, and once
    decided, when and how (a pathway check reads a denial differently from a grant). A form
    sent again with the same idempotency key records nothing more."""

    def record() -> ParoleTerm:
        return _record_filing(
            officer=officer,
            term_id=term_id,
            kind=kind,
            filed_on=filed_on,
            decided_on=decided_on,
            outcome=outcome,
        )

    if idempotency_key is None:
        return record()
    if not idempotency_key or len(idempotency_key) > 120:
        raise ValidationFailed("A filing needs an idempotency key of at most 120 characters.")
    run_idempotent(
        user=officer,
        key=idempotency_key,
        operation=AuditAction.PAROLE_FILING_RECORDED.value,
        payload={
            "term_id": term_id,
            "kind": kind,
            "filed_on": filed_on,
            "decided_on": decided_on,
            "outcome": outcome,
        },
        create=lambda: (200, {"term_id": record().pk}),
    )
    return ParoleTerm.objects.get(pk=term_id)


@transaction.atomic
def _record_filing(
    *,
    officer: User,
    term_id: int,
    kind: FilingKind,
    filed_on: dt.date,
    decided_on: dt.date | None,
    outcome: FilingOutcome | None,
) -> ParoleTerm:
    require_caseworker(officer)
    if filed_on > clock.today() or (decided_on and decided_on < filed_on):
        raise ValidationFailed("A filing is dated today or earlier, and decided after it is filed.")
    if (decided_on is None) != (outcome is None):
        raise ValidationFailed("A decided filing needs both its date and its outcome.")
    filing = Filing(kind=kind, filed_on=filed_on, decided_on=decided_on, outcome=outcome)
    term = lock_term(term_id)
    term.pending_filings = [*term.pending_filings, filing.model_dump(mode="json")]
    save_term(term)
    audit_subject(
        term,
        actor=officer,
        action=AuditAction.PAROLE_FILING_RECORDED,
        details=filing.model_dump(mode="json"),
    )
    return term
