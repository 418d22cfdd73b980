"""The demo beneficiary on parole: one of their filings approved, its fee paid and the arrival
recorded through the services on past days, so that the parole ends within the next months and
the parolee's options, their printable summary and the representative's client list have a
deadline to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from lifeline.accounts.models import User
from lifeline.adjudication import guardrails
from lifeline.adjudication.enums import DecisionStatus, Outcome, RubricScore
from lifeline.adjudication.services import (
    is_sampled_for_second_review,
    record_decision,
    sign_off_decision,
)
from lifeline.core import clock
from lifeline.generation.casework import OVERRIDE_REASON, RATIONALES
from lifeline.generation.parole_days import PORTS_OF_ENTRY
from lifeline.intake.enums import RequestKind
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.parole.enums import FeeState, TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.services import pay_parole_fee, record_arrival
from lifeline.triage.services import assign_case

ENDS_DAYS_AFTER_TODAY = 60  # inside the 90 days the cohort page and the reminders look at
DECIDED_DAYS_BEFORE_ARRIVAL = 21
PAID_DAYS_AFTER_DECISION = 2
CLASS_OF_ADMISSION = "UHP"  # Uniting for Ukraine parole
I94_NUMBER = "94012345678"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def parole_one(
    requests: Sequence[ParoleRequest], *, officer: User, supervisor: User, today: dt.date
) -> ParoleTerm | None:
    """Parole the first of `requests` that goes straight to a decision (not drawn for a blind
    second review); None when none can."""
    for request in requests:
        policy = policy_for(request)
        if is_sampled_for_second_review(request, policy.adjudication.blind_second_review_share):
            continue
        arrived_on = today + dt.timedelta(days=ENDS_DAYS_AFTER_TODAY - policy.parole.max_days + 1)
        reparole = request.kind == RequestKind.REPAROLE  # in the country: parole starts at once
        decided_on = arrived_on - dt.timedelta(days=0 if reparole else DECIDED_DAYS_BEFORE_ARRIVAL)
        if request.filed_on is None or request.filed_on >= decided_on:
            continue
        with clock.replaying(_at(decided_on, 10)):
            assign_case(supervisor=supervisor, request_id=request.pk, officer=officer)
            request.refresh_from_db()
            concerns = guardrails.list_concerns(request)
            decision = record_decision(
                officer=officer,
                request_id=request.pk,
                expected_version=request.version,
                outcome=Outcome.APPROVE,
                reason_codes=[
                    r.code for r in policy.adjudication.reason_codes if r.decision == "approve"
                ][:1],
                rubric_scores={f.id: RubricScore.MEETS for f in policy.adjudication.rubric},
                rationale=RATIONALES[Outcome.APPROVE],
                confirm_family_split=True,
                override_reason=OVERRIDE_REASON if concerns else "",
            )
        if decision.status == DecisionStatus.PENDING_SIGNOFF:
            with clock.replaying(_at(decided_on, 15)):
                sign_off_decision(supervisor=supervisor, decision_id=decision.pk)
        term = ParoleTerm.objects.get(request=request)
        if term.status == TermStatus.ACTIVE:
            return term
        if term.fee_state == FeeState.DUE:
            with clock.replaying(_at(decided_on + dt.timedelta(days=PAID_DAYS_AFTER_DECISION), 11)):
                pay_parole_fee(
                    payer=request.filed_by,
                    term_id=term.pk,
                    payment_token="demo-card",  # noqa: S106 - the fake gateway's test card
                    idempotency_key=f"demo-parole-fee-{term.pk}",
                )
            term.refresh_from_db()
        if term.status != TermStatus.TRAVEL_AUTHORIZED:
            continue  # waiting for a cap: this one cannot travel on the day planned
        with clock.replaying(_at(arrived_on, 14)):
            return record_arrival(
                officer=officer,
                term_id=term.pk,
                expected_version=term.version,
                arrived_on=arrived_on,
                port_of_entry=PORTS_OF_ENTRY[0],
                i94_number=I94_NUMBER,
                class_of_admission=CLASS_OF_ADMISSION,
            )
    return None
