"""Every (from, to) pair of parole-term statuses for every role; refused moves change nothing."""

from __future__ import annotations

import itertools

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import TransitionNotAllowed
from lifeline.parole import services, workflow
from lifeline.parole.enums import EndReason, FeeState, TermStatus
from lifeline.parole.models import FeePayment
from lifeline.parole.tests.builders import make_term

pytestmark = pytest.mark.django_db

VERSION = "u4u-2025-01-28"
ALL_PAIRS = [(a, b) for a, b in itertools.product(TermStatus.values, repeat=2) if a != b]
ROLES = [*UserRole.values, workflow.SYSTEM]


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_each_term_status_pair_is_allowed_only_for_the_roles_in_the_table(
    from_status: str, to_status: str
) -> None:
    allowed = workflow.TABLE.roles_allowed(from_status, to_status)
    for role in ROLES:
        term = make_term(VERSION, status=from_status)
        events = AuditEvent.objects.count()
        if role in allowed:
            assert workflow.move(term, to_status, role=role) == from_status
            term.save(update_fields=["status"])
            term.refresh_from_db()
            assert term.status == to_status
        else:
            with pytest.raises(TransitionNotAllowed):
                workflow.move(term, to_status, role=role)
            term.refresh_from_db()
            assert term.status == from_status
            assert AuditEvent.objects.count() == events


def test_lapsed_terms_have_no_way_out_and_ended_ones_only_a_reopening_by_the_system() -> None:
    assert workflow.TABLE.final_states() == {TermStatus.TRAVEL_AUTHORIZATION_EXPIRED}
    out_of_ended = {
        (to_status, roles)
        for (from_status, to_status), roles in workflow.TRANSITIONS.items()
        if from_status == TermStatus.ENDED
    }
    # A court order on the policy timeline blocking the termination that ended it.
    assert out_of_ended == {(TermStatus.ACTIVE, frozenset({workflow.SYSTEM}))}


def test_a_fee_is_not_charged_for_a_term_a_termination_ended_before_arrival() -> None:
    term = make_term(
        VERSION,
        status=TermStatus.ENDED,
        fee_state=FeeState.DUE,
        fee_amount_usd=1000,
        end_reason=EndReason.TERMINATED,
    )
    with pytest.raises(TransitionNotAllowed, match="ended cannot be moved"):
        services.pay_parole_fee(
            payer=term.request.filed_by,
            term_id=term.pk,
            payment_token="tok_visa",
            idempotency_key="pay-after-termination",
        )
    term.refresh_from_db()
    assert (term.status, term.fee_state) == (TermStatus.ENDED, FeeState.DUE)
    assert not FeePayment.objects.exists()
    assert not AuditEvent.objects.filter(stream=f"request:{term.request_id}").exists()
