"""Daily sweeps of the parole term: waiting authorizations, expiries, re-parole windows; and
re-parole as a new request linked to the term."""

from __future__ import annotations

import logging

from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.notices.enums import NoticeKind
from lifeline.notices.services import issue_notice
from lifeline.parole import workflow
from lifeline.parole.enums import EndReason, TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.services import authorize_or_wait, lock_term, save_term
from lifeline.parole.terms import reparole_timing
from lifeline.programs.registry import get_registry

logger = logging.getLogger(__name__)


def release_waiting_travel_authorizations() -> int:
    """Terms waiting for a month that has begun try again, oldest wait first."""
    waiting = (
        ParoleTerm.objects.filter(
            status=TermStatus.WAITING_FOR_CAP, cap_period_start__lte=clock.today()
        )
        .order_by("cap_period_start", "updated_at", "id")
        .values_list("pk", flat=True)
    )
    authorized = 0
    for term_id in waiting:
        with transaction.atomic():
            term = lock_term(term_id)
            if term.status != TermStatus.WAITING_FOR_CAP:
                continue
            authorize_or_wait(term)
            authorized += term.status == TermStatus.TRAVEL_AUTHORIZED
    return authorized


def expire_travel_authorizations() -> int:
    expired = ParoleTerm.objects.filter(
        status=TermStatus.TRAVEL_AUTHORIZED, travel_authorization_expires_on__lt=clock.today()
    ).values_list("pk", flat=True)
    count = 0
    for term_id in expired:
        with transaction.atomic():
            term = lock_term(term_id)
            if term.status != TermStatus.TRAVEL_AUTHORIZED:
                continue
            workflow.move(term, TermStatus.TRAVEL_AUTHORIZATION_EXPIRED, role=workflow.SYSTEM)
            save_term(term)
            audit_subject(
                term, actor=None, action=AuditAction.PAROLE_TRAVEL_AUTHORIZATION_EXPIRED, details={}
            )
            count += 1
    return count


def end_expired_terms() -> int:
    ended = ParoleTerm.objects.filter(
        status=TermStatus.ACTIVE, ends_on__lt=clock.today()
    ).values_list("pk", flat=True)
    count = 0
    for term_id in ended:
        with transaction.atomic():
            term = lock_term(term_id)
            if term.status != TermStatus.ACTIVE or term.ends_on is None:
                continue
            workflow.move(term, TermStatus.ENDED, role=workflow.SYSTEM)
            term.ended_on = term.ends_on
            term.end_reason = term.end_reason or EndReason.EXPIRED
            term.end_explanation = term.end_explanation or f"Parole expired on {term.ends_on}."
            save_term(term)
            audit_subject(
                term,
                actor=None,
                action=AuditAction.PAROLE_TERM_ENDED,
                details={"ended_on": term.ends_on.isoformat(), "reason": term.end_reason},
            )
            count += 1
    return count


def _reparole_notice_due(term: ParoleTerm) -> bool:
    """Whether today is on or after the day the program's text gives for asking for re-parole
    (its window, or the time it advises filing by); a program whose text gives no time is not
    announced with a date (ADR 0162)."""
    if term.ends_on is None:
        return False
    today = clock.today()
    try:
        timing = reparole_timing(
            get_registry(), program=term.program, ends_on=term.ends_on, on=today
        )
    except DomainError as error:
        logger.warning(
            "Parole term %s: no re-parole notice, its timing is unknown (%s).", term.pk, error
        )
        return False
    return timing is not None and timing.notice_on is not None and timing.notice_on <= today


def send_reparole_window_notices() -> int:
    """Tell each parolee once when the time to ask for re-parole comes."""
    opening = (
        ParoleTerm.objects.filter(
            status=TermStatus.ACTIVE, reparole_window_opens_on__lte=clock.today()
        )
        .exclude(request__notices__kind=NoticeKind.REPAROLE_WINDOW)
        .select_related("request")
        .order_by("pk")
    )
    count = 0
    for term in filter(_reparole_notice_due, opening):
        with transaction.atomic():
            issue_notice(
                request=term.request,
                kind=NoticeKind.REPAROLE_WINDOW,
                key=f"reparole_window:{term.pk}",
                context={
                    "ends_on": term.ends_on.isoformat() if term.ends_on else "",
                    "opens_on": term.reparole_window_opens_on.isoformat()
                    if term.reparole_window_opens_on
                    else "",
                },
            )
            count += 1
    return count
