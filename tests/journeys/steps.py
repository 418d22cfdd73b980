"""Scripted journeys through the public services, and the final states they leave behind.

The only module of the journeys that imports the project's services and models: when code moves
between apps, this module changes and the recorder, test and baseline do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication import evidence_requests as adjudication_evidence
from lifeline.adjudication import services as adjudication
from lifeline.adjudication.models import Decision, EvidenceRequest
from lifeline.audit.models import AuditEvent
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake import evidence as intake_evidence
from lifeline.intake import services as intake
from lifeline.intake.imports import RequestImport, import_requests
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.intake.tests.factories import person_document, request_document
from lifeline.notices.models import Notice
from lifeline.parole import lifecycle, terminations
from lifeline.parole import services as parole
from lifeline.parole.models import ParoleTerm
from lifeline.portal import services as portal
from lifeline.supporters import services as supporters
from lifeline.supporters.models import SupporterDeclaration
from lifeline.triage import services as triage
from lifeline.triage.models import CaseTriage, ExpediteRequest
from lifeline.triage.tests.scenario import complete_the_file

__all__ = ["JOURNEYS", "AuditEvent", "final_states"]

START_AT = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
RATIONALE = "The medical records show an urgent, life-threatening need that cannot wait."
# A visit that is not life-threatening: the general program's parole fee is then due.
CALM = {"urgency": {}, "narrative": "We would like to visit our mother in hospital."}


@dataclass(frozen=True)
class Cast:
    """The people of every journey, under fixed names (their ids are never recorded)."""

    applicant: User
    officer: User
    second_officer: User
    supervisor: User
    supporter: User


def _user(username: str, role: str) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.org", role=role, password=None
    )


def make_cast() -> Cast:
    return Cast(
        applicant=_user("olena", UserRole.BENEFICIARY),
        officer=_user("alice", UserRole.OFFICER),
        second_officer=_user("bruno", UserRole.OFFICER),
        supervisor=_user("sam", UserRole.SUPERVISOR),
        supporter=_user("maria", UserRole.SUPPORTER),
    )


def step[T](service: Callable[..., T], **arguments: Any) -> T:
    """Call one service as a view would: its work commits, then what waits on commit runs
    (queued tasks run at once in tests), so the reactions to it happen before the next step."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return service(**arguments)


@contextmanager
def second_review_sampled(is_sampled: bool) -> Iterator[None]:
    """Fix the blind second review draw, which hashes the random request reference."""
    with mock.patch.object(
        adjudication, "is_sampled_for_second_review", lambda request, share: is_sampled
    ):
        yield


def _on(traveller: time_machine.Traveller, day: dt.date) -> None:
    traveller.move_to(dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC))


def _reload(request: ParoleRequest) -> ParoleRequest:
    return ParoleRequest.objects.get(pk=request.pk)


def _file_and_submit(cast: Cast, *, declarations: list[Any] | None = None, **document: Any):  # type: ignore[no-untyped-def]
    draft = step(
        portal.file_request,
        actor=cast.applicant,
        document=request_document(**document).model_dump(mode="json"),
        declarations=declarations,
    )
    return step(intake.submit_request, request_id=draft.pk, actor=cast.applicant)


def _take_next(officer: User, *, second_review: bool = False) -> ParoleRequest:
    case = step(triage.assign_next_case, officer=officer, second_review=second_review)
    assert case is not None, "the queue was empty"
    return ParoleRequest.objects.get(pk=case.request_id)


def _rubric(request: ParoleRequest) -> dict[str, str]:
    """Every rubric factor of the request's program version scored as met."""
    policy = policy_for(_reload(request))
    return {factor.id: "meets" for factor in policy.adjudication.rubric}


def _decide(officer: User, request: ParoleRequest, outcome: str, *codes: str) -> Decision:
    request = _reload(request)
    # The journeys decide on a complete file; the guardrails on an incomplete one have their
    # own tests (lifeline/adjudication/tests/test_guardrails.py).
    complete_the_file(request)
    return step(
        adjudication.record_decision,
        officer=officer,
        request_id=request.pk,
        expected_version=request.version,
        outcome=outcome,
        reason_codes=list(codes),
        rubric_scores=_rubric(request),
        rationale=RATIONALE,
    )


def _term_of(request: ParoleRequest) -> ParoleTerm:
    return ParoleTerm.objects.get(request_id=request.pk)


def _arrive(officer: User, term: ParoleTerm, *, on: dt.date, i94: str, coa: str) -> ParoleTerm:
    term = ParoleTerm.objects.get(pk=term.pk)
    return step(
        parole.record_arrival,
        officer=officer,
        term_id=term.pk,
        expected_version=term.version,
        arrived_on=on,
        port_of_entry="Miami (MIA)",
        i94_number=i94,
        class_of_admission=coa,
    )


def approval_signed_off_through_arrival_and_expiry(
    cast: Cast, traveller: time_machine.Traveller
) -> None:
    """Filed and screened; approved, the blind second review disagrees, the supervisor signs
    off; the term opens with travel authorized (no fee: exempt); arrival; the term expires."""
    request = _file_and_submit(cast)
    _take_next(cast.officer)
    with second_review_sampled(True):
        decision = _decide(cast.officer, request, "approve", "approve_urgent_humanitarian")
    _take_next(cast.second_officer, second_review=True)
    step(
        adjudication.record_second_review,
        reviewer=cast.second_officer,
        decision_id=decision.pk,
        outcome="deny",
        reason_codes=["deny_no_urgent_reason"],
        rubric_scores=_rubric(request),
        rationale="The treatment could be given nearer home; the need is not shown.",
    )
    step(
        adjudication.sign_off_decision,
        supervisor=cast.supervisor,
        decision_id=decision.pk,
        comment="The record supports the approval.",
    )
    _on(traveller, dt.date(2026, 11, 20))
    term = _arrive(cast.officer, _term_of(request), on=dt.date(2026, 11, 19), i94="12345678A01",
                   coa="DT")  # fmt: skip
    _on(traveller, term.ends_on + dt.timedelta(days=1))
    step(lifecycle.end_expired_terms)


def denial_signed_off_with_notice(cast: Cast, traveller: time_machine.Traveller) -> None:
    """A denial waits for sign-off; the supervisor signs and the denial notice is issued."""
    request = _file_and_submit(cast, **CALM)
    _take_next(cast.officer)
    with second_review_sampled(False):
        decision = _decide(cast.officer, request, "deny", "deny_no_urgent_reason")
    step(adjudication.sign_off_decision, supervisor=cast.supervisor, decision_id=decision.pk)


def evidence_requested_answered_then_approved(
    cast: Cast, traveller: time_machine.Traveller
) -> None:
    """The officer asks for a physician's statement; the applicant's upload answers it; the
    case comes back, is approved, and the parole fee is paid before travel is authorized."""
    request = _file_and_submit(cast, **CALM)
    _take_next(cast.officer)
    request = _reload(request)
    step(
        adjudication_evidence.request_evidence,
        officer=cast.officer,
        request_id=request.pk,
        expected_version=request.version,
        item_ids=["physician_statement"],
        free_text="The statement should give the expected length of treatment.",
    )
    _on(traveller, dt.date(2026, 11, 9))
    step(
        intake_evidence.add_evidence,
        actor=cast.applicant,
        request_id=request.pk,
        kind="physician_statement",
        upload=SimpleUploadedFile(
            "statement.pdf", image_bytes("PDF"), content_type="application/pdf"
        ),
        description="Statement of Dr Hanna Lis",
    )
    _take_next(cast.officer)
    with second_review_sampled(False):
        _decide(cast.officer, request, "approve", "approve_urgent_humanitarian")
    step(
        parole.pay_parole_fee,
        payer=cast.applicant,
        term_id=_term_of(request).pk,
        payment_token="tok_visa",
        idempotency_key="journey-fee-1",
    )


def withdrawal_by_applicant(cast: Cast, traveller: time_machine.Traveller) -> None:
    """The applicant withdraws a request waiting in the queue; it leaves the queue."""
    request = _reload(_file_and_submit(cast))
    step(
        intake.transition_request,
        request_id=request.pk,
        to_status="withdrawn",
        actor=cast.applicant,
        expected_version=request.version,
        reason="We found treatment nearer home.",
    )


def bulk_import_then_triage(cast: Cast, traveller: time_machine.Traveller) -> None:
    """Three legacy filings imported at once and queued; the officer takes the most urgent,
    the supervisor assigns another to a second officer and routes the third; one is released."""
    documents = [
        request_document(**CALM),
        request_document(),
        request_document(
            beneficiary=person_document(given_name="Taras", birth_date="1979-06-01"), **CALM
        ),
    ]
    requests = step(
        import_requests,
        items=[RequestImport(actor=cast.applicant, document=document) for document in documents],
    )
    taken = _take_next(cast.officer)
    waiting = [request for request in requests if request.pk != taken.pk]
    step(
        triage.assign_case,
        supervisor=cast.supervisor,
        request_id=waiting[0].pk,
        officer=cast.second_officer,
    )
    step(
        triage.route_case,
        supervisor=cast.supervisor,
        request_id=waiting[1].pk,
        office="parole-processing",
    )
    step(triage.release_case, officer=cast.second_officer, request_id=waiting[0].pk)


def _supporter_document() -> dict[str, Any]:
    return {
        "person": person_document(
            given_name="Maria",
            family_name="Hughes",
            citizenships=["US"],
            current_country="US",
            passport=None,
            ssn="123-45-6789",
        ),
        "status_in_us": "citizen",
        "annual_income_usd": 82_000,
        "household_size": 3,
        "relationship": "friend",
    }


def supporter_declaration_confirmed_then_request(
    cast: Cast, traveller: time_machine.Traveller
) -> None:
    """A supporter declares support and the invited beneficiary confirms it, then files a
    request resting on it, which is taken and approved (travel authorized at once)."""
    declaration = step(
        portal.declare_support_and_invite,
        actor=cast.supporter,
        program="general",
        supporter=_supporter_document(),
        beneficiary=person_document(),
        beneficiary_email=cast.applicant.email,
        joins_reference=None,
        submitted_from_ip="203.0.113.7",
        base_url="https://lifeline.example.org",
    )
    step(supporters.confirm_declaration, actor=cast.applicant, reference=declaration.reference)
    declaration = SupporterDeclaration.objects.get(pk=declaration.pk)
    request = _file_and_submit(cast, declarations=[declaration])
    _take_next(cast.officer)
    with second_review_sampled(False):
        _decide(cast.officer, request, "approve", "approve_urgent_humanitarian")


def urgent_expedite_then_closed(cast: Cast, traveller: time_machine.Traveller) -> None:
    """The applicant asks for an expedite, the officer grants it (the score rises); the case is
    taken and closed as a duplicate, with its closure notice."""
    request = _file_and_submit(cast, **CALM)
    step(
        triage.request_expedite,
        actor=cast.applicant,
        request_id=request.pk,
        reason="My mother's surgery was moved to next week.",
    )
    expedite = ExpediteRequest.objects.get(request_id=request.pk)
    step(
        triage.decide_expedite,
        actor=cast.officer,
        expedite_id=expedite.pk,
        is_granted=True,
        reason="The hospital letter confirms the new surgery date.",
    )
    _take_next(cast.officer)
    _decide(cast.officer, request, "close", "close_duplicate")


def parole_term_cut_by_program_termination(cast: Cast, traveller: time_machine.Traveller) -> None:
    """A CHNV parole (Cuba, 2024) with a confirmed supporter: approved, fee paid, arrival; the
    2025 termination cuts the term, which then ends on its new date."""
    _on(traveller, dt.date(2024, 3, 1))
    cuban = person_document(
        given_name="Yanelis",
        family_name="Perez",
        given_name_native="Yanelis",
        family_name_native="Pérez",
        citizenships=["CU"],
        residence_history=[{"country": "CU", "from_on": "1988-03-14", "until_on": None}],
        current_country="CU",
        passport={"country": "CU", "number": "K1234567", "expires_on": "2030-01-01"},
    )
    declaration = step(
        portal.declare_support_and_invite,
        actor=cast.supporter,
        program="chnv_cuba",
        supporter=_supporter_document(),
        beneficiary=cuban,
        beneficiary_email=cast.applicant.email,
        joins_reference=None,
        submitted_from_ip="203.0.113.7",
        base_url="https://lifeline.example.org",
    )
    step(supporters.confirm_declaration, actor=cast.applicant, reference=declaration.reference)
    declaration = SupporterDeclaration.objects.get(pk=declaration.pk)
    request = _file_and_submit(
        cast,
        declarations=[declaration],
        program="chnv_cuba",
        category="protection",
        filed_on="2024-03-01",
        beneficiary=cuban,
        urgency={},
        narrative="Fleeing persecution; my cousin in Miami will support me.",
        requested_duration_days=730,
    )
    _take_next(cast.officer)
    with second_review_sampled(False):
        _decide(cast.officer, request, "approve", *_approve_codes(request))
    term = _term_of(request)
    if term.fee_state == "due":
        step(
            parole.pay_parole_fee,
            payer=cast.applicant,
            term_id=term.pk,
            payment_token="tok_visa",
            idempotency_key="journey-fee-chnv",
        )
    _on(traveller, dt.date(2024, 3, 20))
    term = _arrive(cast.officer, term, on=dt.date(2024, 3, 19), i94="98765432B01", coa="DT")
    _on(traveller, dt.date(2025, 3, 26))
    step(terminations.apply_program_termination, actor=cast.supervisor, program="chnv_cuba")
    term = ParoleTerm.objects.get(pk=term.pk)
    _on(traveller, term.ends_on + dt.timedelta(days=1))
    step(lifecycle.end_expired_terms)


def _approve_codes(request: ParoleRequest) -> list[str]:
    policy = policy_for(_reload(request))
    codes = policy.adjudication.reason_codes
    return [next(code.code for code in codes if code.decision == "approve")]


Journey = Callable[[Cast, time_machine.Traveller], None]
JOURNEYS: dict[str, Journey] = {
    journey.__name__: journey
    for journey in (
        approval_signed_off_through_arrival_and_expiry,
        denial_signed_off_with_notice,
        evidence_requested_answered_then_approved,
        withdrawal_by_applicant,
        bulk_import_then_triage,
        supporter_declaration_confirmed_then_request,
        urgent_expedite_then_closed,
        parole_term_cut_by_program_termination,
    )
}


def run_journey(name: str) -> None:
    """Run one journey from its fixed start, with its own cast."""
    with time_machine.travel(START_AT, tick=False) as traveller:
        JOURNEYS[name](make_cast(), traveller)


def _dated(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def final_states() -> list[dict[str, Any]]:
    """Where every request of the journey ended, with its queue entry, decisions, evidence
    requests, parole term and notices (in filing order; no ids, references or timestamps)."""
    states = []
    for request in ParoleRequest.objects.order_by("pk"):
        case = CaseTriage.objects.filter(request=request).first()
        term = ParoleTerm.objects.filter(request=request).first()
        states.append(
            {
                "request": {
                    "program": request.program,
                    "kind": request.kind,
                    "status": request.status,
                    "prescreen_outcome": request.prescreen_outcome,
                    "declarations": sorted(d.status for d in request.declarations.all()),
                },
                "queue_entry": None
                if case is None
                else {
                    "state": case.state,
                    "office": case.office,
                    "urgency_level": case.urgency_level,
                    "is_expedited": case.is_expedited,
                    "assigned": case.assigned_to.username if case.assigned_to else None,
                },
                "decisions": [
                    {"outcome": d.outcome, "status": d.status, "signoff": d.signoff_reasons}
                    for d in Decision.objects.filter(request=request).order_by("pk")
                ],
                "evidence_requests": [
                    e.status for e in EvidenceRequest.objects.filter(request=request).order_by("pk")
                ],
                "parole_term": None
                if term is None
                else {
                    "status": term.status,
                    "fee_state": term.fee_state,
                    "end_reason": term.end_reason,
                    "arrived_on": _dated(term.arrived_on),
                    "ends_on": _dated(term.ends_on),
                    "ended_on": _dated(term.ended_on),
                },
                "notices": [n.kind for n in Notice.objects.filter(request=request).order_by("pk")],
            }
        )
    return states
