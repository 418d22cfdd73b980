"""Writes for the parole term: open it on approval, the fee, travel authorization, arrival,
conditions, departure, and a program termination cutting it or a court order reopening it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)
from lifeline.intake.access import can_act_as_applicant
from lifeline.intake.documents import read_document
from lifeline.intake.enums import RequestKind
from lifeline.intake.locking import lock_request
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.notices.enums import NoticeKind
from lifeline.notices.services import issue_notice
from lifeline.parole import caps, workflow
from lifeline.parole.enums import EndReason, FeeState, TermStatus
from lifeline.parole.models import FeePayment, ParoleCondition, ParoleTerm
from lifeline.parole.payments import configured_gateway
from lifeline.parole.selectors import term_filings
from lifeline.parole.terms import (
    Determination,
    TerminationInForce,
    apply_termination,
    reparole_window_opens_on,
)
from lifeline.programs.facts import build_context
from lifeline.programs.fees import compute_fees
from lifeline.programs.household import household_facts
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import get_registry
from lifeline.programs.timeline import TimelineEvent
from lifeline.triage.access import can_work_cases, require_caseworker

FEE_PAYMENT_DAYS = 30  # the deadline printed on the payment notice
I94_PATTERN = re.compile(r"^[0-9A-Z]{11}$")
COA_PATTERN = re.compile(r"^[A-Z0-9]{2,4}$")
WORK_AUTHORIZATION = {
    "c11_on_application": "Eligible to apply for work authorization on Form I-765 under (c)(11).",
    "incident_to_parole": "Employment authorized incident to parole.",
}


class FeeNotPaid(Conflict):
    code = "fee_not_paid"


class CapReached(Exception):
    """Internal: a cap's allotment is used up (rolls back the slots already taken)."""


def policy_of(term: ParoleTerm) -> ProgramVersionPolicy:
    version = get_registry().version(term.program_version)
    if version is None:
        raise NotFound(f"Program version {term.program_version} is not loaded.")
    return version


def lock_term(term_id: int, expected_version: int | None = None) -> ParoleTerm:
    term = (
        ParoleTerm.objects.select_for_update(of=("self",))
        .select_related("request")
        .filter(pk=term_id)
        .first()
    )
    if term is None:
        raise NotFound(f"No parole term {term_id}.")
    if expected_version is not None and term.version != expected_version:
        raise StaleVersion(
            f"This parole record was changed by someone else (your version {expected_version}, "
            f"now {term.version}). Reload and try again."
        )
    return term


def save_term(term: ParoleTerm) -> None:
    """Save a locked term, counting the change in its version."""
    term.version += 1
    term.save()


def _parole_fee(request: ParoleRequest, version: ProgramVersionPolicy) -> tuple[int, str]:
    """The parole fee owed on a grant today, with its reason (exemptions applied)."""
    registry = get_registry()
    document = read_document(request)
    grant_on = document.granted_on or clock.today()
    shown = household_facts(document, on=grant_on)["principal"]
    context = build_context(document, registry.usage_for(version), household_facts=shown)
    context.add_variable("params", version.cel_params)
    lines = compute_fees(
        version,
        catalog=registry.fees,
        context=context,
        postmarked_on=document.postmarked_on,
        grant_on=grant_on,
        is_granted=True,
        fee_waiver_requested=document.fee_waiver_requested,
    )
    line = next((line for line in lines if line.kind == "parole_grant"), None)
    if line is None:
        return 0, "This program charges no parole fee."
    return line.amount_usd, line.reason


@transaction.atomic
def open_parole_term(*, request_id: int) -> ParoleTerm:
    """Open the term of an approved request: the fee is due first, unless none is owed."""
    request = lock_request(request_id)
    existing = ParoleTerm.objects.filter(request=request).first()
    if existing is not None:
        return existing
    version = policy_for(request)
    amount, reason = _parole_fee(request, version)
    fee_due_on = clock.today() + dt.timedelta(days=FEE_PAYMENT_DAYS)
    term = ParoleTerm.objects.create(
        request=request,
        program=request.program,
        program_version=version.version,
        status=TermStatus.FEE_DUE if amount else TermStatus.WAITING_FOR_CAP,
        fee_amount_usd=amount,
        fee_state=FeeState.DUE if amount else FeeState.EXEMPT,
        fee_reason=reason[:400],
        fee_due_on=fee_due_on if amount else None,
    )
    audit_subject(
        term,
        actor=None,
        action=AuditAction.PAROLE_TERM_OPENED,
        details={"fee_usd": amount, "fee_reason": term.fee_reason},
    )
    if amount:
        issue_notice(
            request=request,
            kind=NoticeKind.PAYMENT,
            key=f"parole_fee:{term.pk}",
            context={"amount_usd": f"{amount:,}", "due_on": fee_due_on.isoformat()},
        )
    else:
        authorize_or_wait(term)
    return term


@transaction.atomic
def pay_parole_fee(
    *, payer: User, term_id: int, payment_token: str, idempotency_key: str
) -> FeePayment:
    """Charge the parole fee through the payment gateway and record it; then travel may be
    authorized. A retry with the same key returns the first payment."""
    if not idempotency_key or len(idempotency_key) > 120:
        raise ValidationFailed("A payment needs an idempotency key of at most 120 characters.")
    term = lock_term(term_id)
    if not (can_work_cases(payer) or can_act_as_applicant(payer, term.request)):
        raise PermissionDenied("Only the applicant, their representative or an officer may pay.")
    earlier = FeePayment.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None:
        if earlier.term_id != term.pk:
            raise Conflict("This payment key was already used for another parole record.")
        return earlier
    if term.fee_state != FeeState.DUE:
        raise Conflict(f"No parole fee is due: it is {term.get_fee_state_display().lower()}.")
    workflow.check(term, TermStatus.WAITING_FOR_CAP, role=payer.role)
    gateway = configured_gateway()
    receipt = gateway.charge(
        amount_usd=term.fee_amount_usd,
        payment_token=payment_token,
        description=f"Parole fee {term.request.reference}",
        idempotency_key=idempotency_key,
    )
    payment = FeePayment.objects.create(
        term=term,
        amount_usd=term.fee_amount_usd,
        gateway=receipt.gateway,
        gateway_reference=receipt.reference,
        idempotency_key=idempotency_key,
        paid_at=clock.now(),
        paid_by=payer,
    )
    workflow.move(term, TermStatus.WAITING_FOR_CAP, role=payer.role)
    term.fee_state = FeeState.PAID
    save_term(term)
    audit_subject(
        term,
        actor=payer,
        action=AuditAction.PAROLE_FEE_PAID,
        details={"amount_usd": payment.amount_usd, "receipt": payment.gateway_reference},
    )
    authorize_or_wait(term)
    return payment


def authorize_or_wait(term: ParoleTerm) -> ParoleTerm:
    """Issue travel authorization within every cap of the program, or wait for the next month
    (visibly: the month is stored). Re-parole needs no travel: the term starts at once."""
    request = term.request
    if request.kind == RequestKind.REPAROLE:
        prior = ParoleTerm.objects.filter(request_id=request.prior_request_id).first()
        starts_on = (
            max(clock.today(), prior.ends_on + dt.timedelta(days=1))
            if (prior and prior.ends_on)
            else clock.today()
        )
        activate(
            term,
            paroled_on=starts_on,
            class_of_admission=_reparole_class(request, prior),
            role=workflow.SYSTEM,
        )
        return term
    policy = policy_of(term)
    today = clock.today()
    travel_caps = [cap for cap in policy.caps if cap.counts == "travel_authorizations"]
    try:
        with transaction.atomic():
            for cap in travel_caps:
                if not caps.take_slot(cap, today):
                    raise CapReached(cap.id)
    except CapReached as full:
        cap = next(cap for cap in travel_caps if cap.id == str(full))
        workflow.move(term, TermStatus.WAITING_FOR_CAP, role=workflow.SYSTEM)
        term.cap_id = cap.id
        term.cap_period_start = caps.next_period_start(cap, today)
        save_term(term)
        waits = (
            f"the month starting {term.cap_period_start}"
            if term.cap_period_start
            else ("a change to the program's total cap")
        )
        audit_subject(
            term,
            actor=None,
            action=AuditAction.PAROLE_WAITING_FOR_CAP,
            details={"cap_id": cap.id, "waits_for": waits},
        )
        return term
    workflow.move(term, TermStatus.TRAVEL_AUTHORIZED, role=workflow.SYSTEM)
    term.cap_id = travel_caps[0].id if travel_caps else ""
    term.cap_period_start = caps.period_start(travel_caps[0], today) if travel_caps else None
    term.travel_authorized_on = today
    term.travel_authorization_expires_on = today + dt.timedelta(
        days=policy.parole.travel_authorization_valid_days
    )
    save_term(term)
    audit_subject(
        term,
        actor=None,
        action=AuditAction.PAROLE_TRAVEL_AUTHORIZED,
        details={
            "expires_on": term.travel_authorization_expires_on.isoformat(),
            "cap_id": term.cap_id,
        },
    )
    issue_notice(
        request=request,
        kind=NoticeKind.TRAVEL_AUTHORIZATION,
        key=f"travel_authorization:{term.pk}:{today.isoformat()}",
        context={"expires_on": term.travel_authorization_expires_on.isoformat()},
    )
    return term


def _reparole_class(request: ParoleRequest, prior: ParoleTerm | None) -> str:
    """Re-parole keeps the class of admission of the parole it continues: the prior term's on
    record, else the one the request states from the I-94 (a parole granted before this
    system has no term here)."""
    if prior and prior.class_of_admission:
        return prior.class_of_admission
    stated = read_document(request).immigration_history.prior_parole
    return stated.class_of_admission if stated else ""


def activate(term: ParoleTerm, *, paroled_on: dt.date, class_of_admission: str, role: str) -> None:
    """Parole takes effect: the term, its conditions, work authorization and re-parole window."""
    workflow.check(term, TermStatus.ACTIVE, role=role)
    if term.fee_state == FeeState.DUE:
        raise FeeNotPaid("The parole fee must be recorded as paid before parole takes effect.")
    policy = policy_of(term)
    document = read_document(term.request)
    days = policy.parole.max_days
    requested = document.requested_duration_days
    if policy.parole.duration_basis == "requested" and requested is not None:
        days = min(requested, days)
    term.arrived_on = paroled_on
    term.class_of_admission = class_of_admission
    term.original_ends_on = term.ends_on = paroled_on + dt.timedelta(days=days - 1)
    term.work_authorization = WORK_AUTHORIZATION[policy.parole.work_authorization]
    term.reparole_window_opens_on = reparole_window_opens_on(
        get_registry(), program=term.program, ends_on=term.ends_on, on=paroled_on
    )
    workflow.move(term, TermStatus.ACTIVE, role=role)
    save_term(term)
    for condition in policy.parole.conditions:
        if condition.arrivals_from_on and paroled_on < condition.arrivals_from_on:
            continue
        if condition.arrivals_until_on and paroled_on > condition.arrivals_until_on:
            continue
        due = (
            paroled_on + dt.timedelta(days=condition.due_days_after_arrival)
            if condition.due_days_after_arrival is not None
            else None
        )
        ParoleCondition.objects.create(
            term=term,
            condition_id=condition.id,
            label=condition.label,
            due_on=due,
            citation=condition.citation.text,
        )
    audit_subject(
        term,
        actor=None,
        action=AuditAction.PAROLE_TERM_STARTED,
        details={"paroled_on": paroled_on.isoformat(), "ends_on": term.ends_on.isoformat()},
    )


@transaction.atomic
def record_arrival(
    *,
    officer: User,
    term_id: int,
    expected_version: int,
    arrived_on: dt.date,
    port_of_entry: str,
    i94_number: str,
    class_of_admission: str,
) -> ParoleTerm:
    """Arrival at a port of entry with a travel authorization: parole takes effect."""
    require_caseworker(officer)
    term = lock_term(term_id, expected_version)
    if term.status != TermStatus.TRAVEL_AUTHORIZED:
        raise Conflict(
            f"Arrival needs a valid travel authorization; this record is "
            f"{term.get_status_display().lower()}."
        )
    i94, coa = i94_number.strip().upper(), class_of_admission.strip().upper()
    if not I94_PATTERN.match(i94):
        raise ValidationFailed("An I-94 number has 11 letters and digits.")
    if not COA_PATTERN.match(coa):
        raise ValidationFailed("A class of admission is 2 to 4 letters or digits (e.g. DT, UHP).")
    if not port_of_entry.strip():
        raise ValidationFailed("Name the port of entry.")
    assert term.travel_authorized_on and term.travel_authorization_expires_on
    if not term.travel_authorized_on <= arrived_on <= term.travel_authorization_expires_on:
        raise ValidationFailed(
            f"The arrival date must fall within the travel authorization "
            f"({term.travel_authorized_on} to {term.travel_authorization_expires_on})."
        )
    if arrived_on > clock.today():
        raise ValidationFailed("The arrival date is in the future.")
    term.port_of_entry, term.i94_number = port_of_entry.strip()[:80], i94
    activate(term, paroled_on=arrived_on, class_of_admission=coa, role=officer.role)
    audit_subject(
        term,
        actor=officer,
        action=AuditAction.PAROLE_ARRIVAL_RECORDED,
        details={"port_of_entry": term.port_of_entry, "class_of_admission": coa},
    )
    return term


@transaction.atomic
def record_condition_met(*, officer: User, condition_id: int, met_on: dt.date) -> ParoleCondition:
    require_caseworker(officer)
    condition = (
        ParoleCondition.objects.select_related("term", "term__request")
        .filter(pk=condition_id)
        .first()
    )
    if condition is None:
        raise NotFound(f"No parole condition {condition_id}.")
    if met_on > clock.today():
        raise ValidationFailed("The date met is in the future.")
    condition.met_on = met_on
    condition.save(update_fields=["met_on"])
    audit_subject(
        condition.term,
        actor=officer,
        action=AuditAction.PAROLE_CONDITION_MET,
        details={"condition": condition.condition_id, "met_on": met_on.isoformat()},
    )
    return condition


@transaction.atomic
def record_departure(*, officer: User, term_id: int, departed_on: dt.date) -> ParoleTerm:
    require_caseworker(officer)
    term = lock_term(term_id)
    if term.status != TermStatus.ACTIVE:
        raise Conflict("Only an active parole can end on departure.")
    if (term.arrived_on and departed_on < term.arrived_on) or departed_on > clock.today():
        raise ValidationFailed("The departure date must be between arrival and today.")
    workflow.move(term, TermStatus.ENDED, role=officer.role)
    term.end_reason = EndReason.DEPARTED
    term.ended_on = term.departed_on = departed_on
    term.ends_on = min(term.ends_on or departed_on, departed_on)
    term.end_explanation = f"Parole ended on departure from the United States on {departed_on}."
    save_term(term)
    audit_subject(
        term,
        actor=officer,
        action=AuditAction.PAROLE_DEPARTED,
        details={"on": departed_on.isoformat()},
    )
    return term


@dataclass(frozen=True)
class TermCut:
    """What a termination did to one term: its end moved (`cut`), and/or it ended (`ended`)."""

    ends_on: dt.date
    explanation: str
    cut: bool
    ended: bool


def continued_individually(term: ParoleTerm, on: dt.date) -> bool:
    """Whether a supervisor decided, on or before `on`, that this term's parole continues."""
    decisions = [Determination.model_validate(d) for d in term.individual_determinations]
    return any(d.effect == "continue" and d.decided_on <= on for d in decisions)


def termination_end_of(
    term: ParoleTerm, termination: TerminationInForce, *, on: dt.date
) -> tuple[dt.date, str] | None:
    """Where `termination` ends this active term and why (the program's filing exceptions
    applied); None when the term has no I-94 date or an individual determination keeps it."""
    if term.status != TermStatus.ACTIVE or term.original_ends_on is None or term.ends_on is None:
        return None
    if continued_individually(term, on):
        return None
    filings = term_filings(term)
    return apply_termination(termination, original_ends_on=term.original_ends_on, filings=filings)


def cut_term_for_termination(
    term: ParoleTerm, termination: TerminationInForce, *, on: dt.date, actor: User | None
) -> TermCut | None:
    """Cut a locked active term to its end under `termination` (in force on `on`), with an
    individual notice, and end it once that end has passed. A term a supervisor decided should
    continue is left alone; `actor` None is the daily run."""
    planned = termination_end_of(term, termination, on=on)
    if planned is None:
        return None
    ends_on, why = planned
    event = termination.event.id
    cut = term.ends_on is not None and ends_on < term.ends_on
    # A term cut when the termination was announced ends once its new end has passed.
    ended = ends_on < on and (
        cut or (term.terminated_by_event == event and ends_on == term.ends_on)
    )
    if not (cut or ended):
        return None  # the termination leaves this term's end where it is (e.g. an exception)
    if cut:
        term.ends_on, term.end_explanation = ends_on, why
        term.end_reason, term.terminated_by_event = EndReason.TERMINATED, event
        term.reparole_window_opens_on = None
        audit_subject(
            term,
            actor=actor,
            action=AuditAction.PAROLE_TERM_CUT_BY_TERMINATION,
            details={
                "ends_on": ends_on.isoformat(),
                "citation": termination.citation,
                "event": event,
            },
        )
    if ended:
        workflow.move(term, TermStatus.ENDED, role=actor.role if actor else workflow.SYSTEM)
        term.ended_on = ends_on
        audit_subject(
            term,
            actor=actor,
            action=AuditAction.PAROLE_TERM_ENDED,
            details={"ended_on": ends_on.isoformat(), "reason": term.end_reason},
        )
    save_term(term)
    if cut:
        issue_notice(
            request=term.request,
            kind=NoticeKind.TERMINATION,
            key=f"termination:{term.pk}:{event}",
            context={"ends_on": ends_on.isoformat(), "citation": termination.citation},
        )
    return TermCut(ends_on, why, cut, ended)


def reopen_term_for_order(
    term: ParoleTerm, *, termination: TimelineEvent, order: TimelineEvent, on: dt.date
) -> Literal["reopened", "restored"] | None:
    """A court order blocks `termination`: a locked term it cut runs to its I-94 date again,
    reopened if that date is still ahead. A term that ended otherwise (a departure) stays so."""
    original = term.original_ends_on
    if (
        term.terminated_by_event != termination.id
        or term.end_reason != EndReason.TERMINATED
        or term.departed_on is not None
        or original is None
        or term.arrived_on is None
    ):
        return None
    term.ends_on, term.terminated_by_event = original, ""
    term.end_explanation = (
        f"A court order ({order.summary}) blocks the termination; parole runs to its "
        f"I-94 date {original}."
    )
    term.reparole_window_opens_on = reparole_window_opens_on(
        get_registry(), program=term.program, ends_on=original, on=term.arrived_on
    )
    outcome: Literal["reopened", "restored"] = "restored"
    if term.status == TermStatus.ENDED and original >= on:
        workflow.move(term, TermStatus.ACTIVE, role=workflow.SYSTEM)
        term.ended_on, term.end_reason = None, ""
        outcome = "reopened"
    elif term.status == TermStatus.ENDED:
        term.ended_on, term.end_reason = original, EndReason.EXPIRED
    else:
        term.end_reason = ""
    save_term(term)
    audit_subject(
        term,
        actor=None,
        action=AuditAction.PAROLE_TERM_REOPENED,
        details={"ends_on": original.isoformat(), "order": order.id, "status": term.status},
    )
    return outcome
