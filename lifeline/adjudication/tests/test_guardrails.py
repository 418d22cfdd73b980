"""Officer guardrails: a failed rule or missing required evidence needs an override with a reason
and goes to sign-off; an unchecked rule needs an evidence request or an override; a reason that
speaks of an evidence request needs one."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from lifeline.adjudication import services
from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.guardrails import OverrideNeeded
from lifeline.adjudication.models import Decision, EvidenceRequest
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import ValidationFailed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.triage.tests.scenario import GENERAL_RUBRIC, RATIONALE, officer, taken_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_review")]
OVERRIDE = "The hospital confirmed by phone; the letter follows by post this week."
FAILED_SUPPORTER = {"id": "supporter_named", "result": "fail", "explanation": "No supporter."}
UNKNOWN_RULE = {"id": "identity_known", "result": "unknown", "explanation": "Identity unchecked."}


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


@pytest.fixture
def no_second_review(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda request, share: False)


def _with_rules(request: ParoleRequest, *rules: dict[str, str]) -> ParoleRequest:
    prescreen = request.prescreens.get(is_current=True)
    prescreen.rules = [*prescreen.rules, *rules]
    prescreen.save(update_fields=["rules"])
    return request


def _decide(by, request, outcome="approve", **overrides: Any) -> Decision:  # type: ignore[no-untyped-def]
    codes = {"approve": ["approve_urgent_humanitarian"], "deny": ["deny_no_urgent_reason"]}
    arguments: dict[str, Any] = {
        "officer": by,
        "request_id": request.pk,
        "expected_version": request.version,
        "outcome": outcome,
        "reason_codes": codes[outcome],
        "rubric_scores": GENERAL_RUBRIC,
        "rationale": RATIONALE,
    }
    return services.record_decision(**{**arguments, **overrides})


def test_an_approval_with_a_failed_rule_is_refused_without_an_override() -> None:
    alice = officer()
    request = _with_rules(taken_request(alice), FAILED_SUPPORTER)
    with pytest.raises(OverrideNeeded, match="a pre-screen rule failed: No supporter") as refused:
        _decide(alice, request)
    assert {"kind": "failed_rule", "id": "supporter_named", "text": "No supporter."} in (
        refused.value.details["concerns"]
    )
    assert not Decision.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "Looks fine."])
def test_an_override_needs_a_written_reason(reason: str) -> None:
    alice = officer()
    request = _with_rules(taken_request(alice), FAILED_SUPPORTER)
    with pytest.raises(OverrideNeeded):
        _decide(alice, request, override_reason=reason)


def test_an_overridden_approval_goes_to_sign_off_with_its_reason_recorded() -> None:
    alice = officer()
    request = _with_rules(taken_request(alice), FAILED_SUPPORTER)
    decision = _decide(alice, request, override_reason=OVERRIDE)
    request.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING_SIGNOFF
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF
    assert "override" in decision.signoff_reasons
    assert decision.override_reason == OVERRIDE
    assert [c["id"] for c in decision.overrides] == ["supporter_named"]
    event = AuditEvent.objects.get(action="decision.recorded")
    assert event.details["overrides"] == decision.overrides


def test_missing_required_evidence_needs_an_override_to_approve() -> None:
    alice = officer()
    request = taken_request(alice)
    request.evidence.all().delete()
    with pytest.raises(OverrideNeeded, match="required evidence was not sent"):
        _decide(alice, request)
    assert _decide(alice, request, override_reason=OVERRIDE).status == (
        DecisionStatus.PENDING_SIGNOFF
    )


@pytest.mark.parametrize("outcome", ["approve", "deny"])
def test_an_unchecked_rule_needs_an_evidence_request_or_an_override(outcome: str) -> None:
    alice = officer()
    request = _with_rules(taken_request(alice), UNKNOWN_RULE)
    with pytest.raises(OverrideNeeded, match="Request evidence, or write why"):
        _decide(alice, request, outcome)


def test_an_unchecked_rule_is_answered_by_an_earlier_evidence_request() -> None:
    alice = officer()
    request = _with_rules(taken_request(alice), UNKNOWN_RULE)
    EvidenceRequest.objects.create(
        request=request, officer=alice, items=[], free_text="ID", due_on="2026-11-30"
    )
    decision = _decide(alice, request, "deny")
    assert decision.overrides == [] and "override" not in decision.signoff_reasons


def test_a_denial_for_unresolved_evidence_needs_an_evidence_request_first() -> None:
    alice = officer()
    request = taken_request(alice)
    with pytest.raises(ValidationFailed, match="no evidence was asked for on this case"):
        _decide(alice, request, "deny", reason_codes=["deny_insufficient_evidence"])
