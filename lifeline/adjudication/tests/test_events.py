"""What adjudication publishes and what follows: a decision taking effect (an approval opens the
parole term), and new evidence answering an open evidence request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.adjudication import evidence_requests, services
from lifeline.adjudication.enums import DecisionStatus, EvidenceRequestStatus, Outcome
from lifeline.adjudication.events import DecisionTookEffect
from lifeline.adjudication.models import Decision, EvidenceRequest
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.core.tests.recording import record_events
from lifeline.intake.enums import RequestStatus
from lifeline.intake.evidence import add_evidence
from lifeline.parole.models import ParoleTerm
from lifeline.triage.tests.scenario import (
    GENERAL_RUBRIC,
    RATIONALE,
    officer,
    supervisor,
    taken_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda r, s: False)
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


@pytest.mark.parametrize(
    ("outcome", "reason", "opens_a_term"),
    [
        (Outcome.APPROVE, "approve_urgent_humanitarian", True),
        (Outcome.DENY, "deny_no_urgent_reason", False),
    ],
)
def test_a_decision_taking_effect_publishes_once_and_only_an_approval_opens_a_term(
    monkeypatch: pytest.MonkeyPatch, outcome: str, reason: str, opens_a_term: bool
) -> None:
    alice = officer()
    request = taken_request(alice, urgency={}, narrative="We would like to visit our mother.")
    published = record_events(monkeypatch)
    decision = services.record_decision(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        outcome=outcome,
        reason_codes=[reason],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )
    if decision.status == DecisionStatus.PENDING_SIGNOFF:  # a denial waits for a supervisor
        assert not any(isinstance(e, DecisionTookEffect) for e in published)
        services.sign_off_decision(supervisor=supervisor(), decision_id=decision.pk)
    took_effect = [e for e in published if isinstance(e, DecisionTookEffect)]
    assert took_effect == [
        DecisionTookEffect(decision_id=decision.pk, request_id=request.pk, outcome=outcome)
    ]
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.IN_EFFECT
    assert ParoleTerm.objects.filter(request=request).exists() is opens_a_term


def test_new_evidence_answers_the_open_evidence_request() -> None:
    alice = officer()
    request = taken_request(alice)
    asked = evidence_requests.request_evidence(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        item_ids=["passport_bio_page"],
        free_text="",
    )
    add_evidence(
        actor=request.filed_by,
        request_id=request.pk,
        kind="passport_bio_page",
        upload=SimpleUploadedFile("passport.png", image_bytes("PNG"), "image/png"),
    )
    asked.refresh_from_db()
    request.refresh_from_db()
    assert asked.status == EvidenceRequestStatus.ANSWERED
    assert request.status == RequestStatus.IN_REVIEW
    assert EvidenceRequest.objects.count() == 1
