"""Open integrity flags on a request show on the case page, and an approval with one whose rule
needs it goes to a supervisor's sign-off (as the policy says); a dismissed flag does not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lifeline.adjudication import services
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_user
from lifeline.integrity.services import FlagDraft, decide_flag, raise_flags
from lifeline.triage.tests.scenario import GENERAL_RUBRIC, RATIONALE, officer, taken_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_second_review(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda r, s: False)


def _flag(request: ParoleRequest, rule_code: str = "SHARED_BANK_ACCOUNT") -> int:
    raise_flags(
        [
            FlagDraft(
                rule_code=rule_code,
                subject_key=f"request:{request.pk}",
                program=request.program,
                score=0.8,
                version="test",
                evidence={"shared_with": 6},
                request_id=request.pk,
            )
        ]
    )
    return request.integrity_flags.get().pk


def _approve(request: ParoleRequest, by) -> services.Decision:  # type: ignore[no-untyped-def]
    request.refresh_from_db()
    return services.record_decision(
        officer=by,
        request_id=request.pk,
        expected_version=request.version,
        outcome="approve",
        reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )


def test_an_approval_with_an_open_flag_waits_for_sign_off() -> None:
    alice = officer()
    request = taken_request(alice)
    _flag(request)
    decision = _approve(request, alice)
    assert decision.signoff_reasons == ["open_integrity_flag"]
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF


def test_a_dismissed_flag_no_longer_holds_an_approval() -> None:
    alice = officer()
    request = taken_request(alice)
    flag_id = _flag(request)
    analyst = make_user("integrity_analyst")
    decide_flag(actor=analyst, flag_id=flag_id, confirm=False, reason="Same family, one address.")
    decision = _approve(request, alice)
    assert "open_integrity_flag" not in decision.signoff_reasons


def _case_page(request: ParoleRequest, viewer) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(viewer)
    return client.get(reverse("workspace:case", args=[request.reference])).content.decode()


def test_the_case_page_shows_the_open_flag_and_links_it_for_supervisors() -> None:
    alice = officer()
    request = taken_request(alice)
    flag_id = _flag(request)
    page = _case_page(request, alice)
    assert "SHARED_BANK_ACCOUNT" in page and "One bank account is declared" in page
    assert "goes to a supervisor's sign-off" in page
    assert reverse("integrity:flag", args=[flag_id]) not in page  # officers cannot open it
    supervisor_page = _case_page(request, make_user("supervisor"))
    assert reverse("integrity:flag", args=[flag_id]) in supervisor_page
