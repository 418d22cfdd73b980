"""From approval to the end of parole: the fee through the payment interface, travel
authorization, arrival, the term from arrival, conditions, re-parole window, expiry, departure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from lifeline.adjudication import services as adjudication
from lifeline.core.errors import Conflict, PermissionDenied, ValidationFailed
from lifeline.intake.documents import read_document, stored_form
from lifeline.intake.enums import RequestKind
from lifeline.intake.tests.factories import make_user
from lifeline.notices.models import Notice
from lifeline.parole import lifecycle, services
from lifeline.parole.enums import EndReason, FeeState, TermStatus
from lifeline.parole.models import FeePayment, ParoleTerm
from lifeline.parole.payments import PaymentDeclined
from lifeline.parole.selectors import term_ends_on
from lifeline.parole.tests.builders import make_term
from lifeline.programs.documents import PriorParole
from lifeline.triage.tests.scenario import GENERAL_RUBRIC, RATIONALE, officer, taken_request

pytestmark = pytest.mark.django_db
CALM = {"urgency": {}, "narrative": "We would like to visit our mother in hospital."}


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(adjudication, "is_sampled_for_second_review", lambda r, s: False)
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def approved_term(**document: Any) -> tuple[ParoleTerm, Any]:
    alice = officer()
    request = taken_request(alice, **document)
    adjudication.record_decision(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        outcome="approve",
        reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )
    return ParoleTerm.objects.get(request=request), alice


def test_the_parole_fee_is_due_on_approval_and_paid_through_the_gateway_once() -> None:
    term, _ = approved_term(**CALM)
    assert (term.status, term.fee_state, term.fee_amount_usd) == (
        TermStatus.FEE_DUE,
        FeeState.DUE,
        1000,
    )
    assert Notice.objects.filter(key=f"parole_fee:{term.pk}", kind="payment").exists()
    payer = term.request.filed_by
    with pytest.raises(PaymentDeclined):
        services.pay_parole_fee(
            payer=payer, term_id=term.pk, payment_token="decline", idempotency_key="pay-1"
        )
    with pytest.raises(PermissionDenied):
        services.pay_parole_fee(
            payer=make_user(), term_id=term.pk, payment_token="tok", idempotency_key="pay-2"
        )
    payment = services.pay_parole_fee(
        payer=payer, term_id=term.pk, payment_token="tok_visa", idempotency_key="pay-3"
    )
    again = services.pay_parole_fee(
        payer=payer, term_id=term.pk, payment_token="tok_visa", idempotency_key="pay-3"
    )
    assert again.pk == payment.pk and FeePayment.objects.count() == 1
    assert payment.gateway_reference.startswith("FAKE-") and payment.amount_usd == 1000
    term.refresh_from_db()
    assert (term.fee_state, term.status) == (FeeState.PAID, TermStatus.TRAVEL_AUTHORIZED)
    with pytest.raises(Conflict, match="No parole fee is due"):
        services.pay_parole_fee(
            payer=payer, term_id=term.pk, payment_token="tok", idempotency_key="pay-4"
        )


def test_a_statutory_exemption_means_no_fee_and_travel_is_authorized_at_once() -> None:
    term, _ = approved_term()  # life-threatening, treatment unavailable at home
    assert (term.fee_state, term.fee_amount_usd) == (FeeState.EXEMPT, 0)
    assert "Exempt" in term.fee_reason
    assert term.status == TermStatus.TRAVEL_AUTHORIZED


def test_arrival_starts_the_term_from_the_arrival_date() -> None:
    term, alice = approved_term()
    arguments = {
        "officer": alice,
        "term_id": term.pk,
        "expected_version": term.version,
        "arrived_on": dt.date(2026, 11, 2),
        "port_of_entry": "Miami (MIA)",
        "i94_number": "12345678A01",
        "class_of_admission": "DT",
    }
    for bad, message in [
        ({"i94_number": "123"}, "11 letters"),
        ({"class_of_admission": "d"}, "class of admission"),
        ({"arrived_on": dt.date(2026, 10, 1)}, "within the travel"),
        ({"port_of_entry": " "}, "port of entry"),
    ]:
        with pytest.raises(ValidationFailed, match=message):
            services.record_arrival(**{**arguments, **bad})
    services.record_arrival(**arguments)
    term.refresh_from_db()
    # general parole: the requested 180 days from arrival
    assert (term.status, term.arrived_on, term.ends_on) == (
        TermStatus.ACTIVE,
        dt.date(2026, 11, 2),
        dt.date(2027, 4, 30),
    )
    assert term.i94_number == "12345678A01" and "(c)(11)" in term.work_authorization


def test_u4u_conditions_get_deadlines_and_the_reparole_window_and_its_notice() -> None:
    term = make_term(
        "u4u-2025-01-28",
        status=TermStatus.TRAVEL_AUTHORIZED,
        travel_authorized_on=dt.date(2026, 10, 1),
        travel_authorization_expires_on=dt.date(2026, 12, 30),
    )
    services.activate(
        term, paroled_on=dt.date(2026, 11, 1), class_of_admission="UHP", role="officer"
    )
    condition = term.conditions.get()
    assert condition.condition_id == "post_arrival_medical_attestation_90_days"
    assert condition.due_on == dt.date(2026, 11, 1) + dt.timedelta(days=90)
    assert term.ends_on == dt.date(2028, 10, 30)  # 730 days including the arrival day
    assert term.reparole_window_opens_on == term.ends_on - dt.timedelta(days=180)
    with time_machine.travel("2028-05-04 09:00:00Z", tick=False):
        assert lifecycle.send_reparole_window_notices() == 1
        assert lifecycle.send_reparole_window_notices() == 0
    assert Notice.objects.filter(kind="reparole_window", request=term.request).count() == 1


def test_terms_expire_and_departure_ends_parole_early() -> None:
    expiring = make_term("u4u-2025-01-28", ends_on=dt.date(2026, 11, 1))
    leaving = make_term("u4u-2025-01-28", ends_on=dt.date(2027, 11, 1))
    assert lifecycle.end_expired_terms() == 1
    expiring.refresh_from_db()
    assert (expiring.status, expiring.end_reason) == (TermStatus.ENDED, EndReason.EXPIRED)
    services.record_departure(
        officer=officer(), term_id=leaving.pk, departed_on=dt.date(2026, 10, 30)
    )
    leaving.refresh_from_db()
    assert (leaving.status, leaving.ends_on) == (TermStatus.ENDED, dt.date(2026, 10, 30))


def test_the_parole_page_records_a_condition_met_and_a_filing() -> None:
    from django.test import Client

    term = make_term(
        "u4u-2025-01-28",
        status=TermStatus.TRAVEL_AUTHORIZED,
        travel_authorized_on=dt.date(2026, 10, 1),
        travel_authorization_expires_on=dt.date(2026, 12, 30),
    )
    services.activate(
        term, paroled_on=dt.date(2026, 11, 1), class_of_admission="UHP", role="officer"
    )
    web = Client()
    web.force_login(officer())
    url = f"/workspace/cases/{term.request.reference}/parole/"
    assert web.get(url).status_code == 200
    condition = term.conditions.get()
    web.post(url, {"action": "condition", "condition_id": condition.pk, "met_on": "2026-11-02"})
    web.post(
        url, {"action": "filing", "kind": "i485", "filed_on": "2026-11-01", "idempotency_key": "k1"}
    )
    condition.refresh_from_db()
    term.refresh_from_db()
    assert condition.met_on == dt.date(2026, 11, 2)
    assert term.pending_filings[0]["kind"] == "i485"


def test_general_re_parole_is_announced_when_its_text_advises_not_at_arrival() -> None:
    """Rule reparole_while_on_parole: file before parole ends, "practitioners advise at least
    90 days before"; general parole has no window, so nothing is sent on the day of arrival."""
    term = make_term(
        "general-2016-12-23",
        status=TermStatus.TRAVEL_AUTHORIZED,
        travel_authorized_on=dt.date(2026, 10, 1),
        travel_authorization_expires_on=dt.date(2026, 12, 30),
    )
    arrived_on = dt.date(2026, 11, 1)
    services.activate(term, paroled_on=arrived_on, class_of_admission="DT", role="officer")
    assert term.ends_on is not None
    advised_by = term.ends_on - dt.timedelta(days=90)
    assert term.reparole_window_opens_on == arrived_on < advised_by  # it may be asked for at once
    for day, sent in ((arrived_on, 0), (advised_by - dt.timedelta(days=1), 0), (advised_by, 1)):
        with time_machine.travel(f"{day.isoformat()} 09:00:00Z", tick=False):
            assert lifecycle.send_reparole_window_notices() == sent


def test_a_term_whose_re_parole_timing_cannot_be_read_gets_no_notice_and_is_logged(
    caplog,
) -> None:
    term = make_term(
        "u4u-2025-01-28",
        arrived_on=dt.date(2025, 3, 1),
        original_ends_on=dt.date(2027, 2, 28),
        ends_on=dt.date(2027, 2, 28),
        reparole_window_opens_on=dt.date(2026, 9, 1),
        class_of_admission="UHP",
    )
    ParoleTerm.objects.filter(pk=term.pk).update(program="no_such_program")
    with (
        caplog.at_level("WARNING", logger="lifeline.parole.lifecycle"),
        time_machine.travel("2026-09-02 09:00:00Z", tick=False),
    ):
        assert lifecycle.send_reparole_window_notices() == 0
    assert f"Parole term {term.pk}: no re-parole notice" in caplog.text


def test_reparole_of_a_parole_from_before_this_system_keeps_the_stated_class_of_admission(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No prior term on record: the class of admission comes from the I-94 the request states,
    so the term's end can be computed (a blank class could not be, and the cohort of paroles
    ending soon fell back to the stored end)."""
    term = make_term("u4u-2025-01-28", status=TermStatus.WAITING_FOR_CAP)
    request = term.request
    document = read_document(request)
    stated = PriorParole(
        class_of_admission="UHP", paroled_on=dt.date(2024, 11, 3), ends_on=dt.date(2026, 11, 2)
    )
    history = document.immigration_history.model_copy(update={"prior_parole": stated})
    request.document = stored_form(document.model_copy(update={"immigration_history": history}))
    request.kind = RequestKind.REPAROLE
    request.save(update_fields=["document", "kind"])

    services.authorize_or_wait(term)

    term.refresh_from_db()
    assert (term.status, term.class_of_admission) == (TermStatus.ACTIVE, "UHP")
    with caplog.at_level("WARNING"):
        assert term_ends_on(term, dt.date(2026, 11, 2)) == term.ends_on
    assert "could not be computed" not in caplog.text
