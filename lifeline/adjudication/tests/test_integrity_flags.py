"""Open integrity flags come from the integrity app when it provides them, and an approval
with one needs a supervisor's sign-off (as the policy says)."""

from __future__ import annotations

import sys
import types

import pytest

import lifeline.integrity
from lifeline.adjudication import services
from lifeline.adjudication.integrity import list_open_integrity_flags
from lifeline.intake.enums import RequestStatus
from lifeline.triage.tests.scenario import GENERAL_RUBRIC, RATIONALE, officer, taken_request

pytestmark = pytest.mark.django_db
FLAG = {"code": "serial_sponsor", "description": "The supporter is on 35 forms."}


@pytest.fixture
def integrity_selectors(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("lifeline.integrity.selectors")
    module.list_open_flags_for_request = lambda request: [FLAG]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lifeline.integrity.selectors", module)
    monkeypatch.setattr(lifeline.integrity, "selectors", module, raising=False)
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda r, s: False)
    return module


def test_flags_are_read_from_the_integrity_app(integrity_selectors: types.ModuleType) -> None:
    assert list_open_integrity_flags(object()) == [FLAG]  # type: ignore[arg-type]
    del integrity_selectors.list_open_flags_for_request
    assert list_open_integrity_flags(object()) == []  # type: ignore[arg-type]


@pytest.mark.usefixtures("integrity_selectors")
def test_an_approval_with_an_open_flag_waits_for_sign_off() -> None:
    alice = officer()
    request = taken_request(alice)
    decision = services.record_decision(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        outcome="approve",
        reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )
    assert decision.signoff_reasons == ["open_integrity_flag"]
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF
