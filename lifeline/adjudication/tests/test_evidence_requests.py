"""Evidence requests: items and due date from the policy, the clock stops; an answer puts the case
back in the queue at its priority; reminders; no answer means deciding on the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.adjudication import evidence_requests
from lifeline.adjudication.enums import EvidenceRequestStatus
from lifeline.adjudication.models import EvidenceRequest
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import Conflict, PermissionDenied, StaleVersion, ValidationFailed
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.enums import RequestStatus
from lifeline.intake.evidence import add_evidence
from lifeline.notices.models import Notice
from lifeline.notifications.models import Notification
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import assign_next_case
from lifeline.triage.tests.scenario import officer, taken_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _ask(by, request, items=("passport_bio_page",), **overrides: Any) -> EvidenceRequest:  # type: ignore[no-untyped-def]
    arguments: dict[str, Any] = {
        "officer": by,
        "request_id": request.pk,
        "expected_version": request.version,
        "item_ids": list(items),
        "free_text": "A letter from the treating hospital.",
    }
    arguments.update(overrides)
    return evidence_requests.request_evidence(**arguments)


def test_an_evidence_request_takes_items_from_the_policy_and_its_due_date_from_the_policy(
    django_capture_on_commit_callbacks: Any,
) -> None:
    alice = officer()
    request = taken_request(alice)
    with django_capture_on_commit_callbacks(execute=True):
        asked = _ask(alice, request)
    assert asked.due_on == dt.date(2026, 11, 2) + dt.timedelta(days=30)  # general: 30 days
    assert asked.items[0]["label"]  # the label the applicant sees, from the policy
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED
    case = CaseTriage.objects.get(request=request)
    assert case.state == QueueState.WAITING_FOR_EVIDENCE and case.sla_paused_at is not None
    notice = Notice.objects.get(key=f"evidence_request:{asked.pk}")
    assert notice.storage_name and notice.sha256  # the PDF was rendered and stored
    kinds = set(Notification.objects.values_list("channel", flat=True))
    assert kinds == {"portal", "email"}
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"item_ids": ["made_up"]}, ValidationFailed, "Not on this program's evidence list"),
        ({"item_ids": [], "free_text": ""}, ValidationFailed, "at least one"),
        ({"expected_version": 1}, StaleVersion, "changed by someone else"),
    ],
)
def test_a_bad_evidence_request_is_refused_and_nothing_changes(overrides, error, message) -> None:  # type: ignore[no-untyped-def]
    alice = officer()
    request = taken_request(alice)
    with pytest.raises(error, match=message):
        _ask(alice, request, **overrides)
    assert not EvidenceRequest.objects.exists()
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW


def test_only_the_officer_holding_the_case_asks_and_only_one_request_is_open() -> None:
    alice = officer()
    request = taken_request(alice)
    with pytest.raises(PermissionDenied):
        _ask(officer(), request)
    _ask(alice, request)
    request.refresh_from_db()
    with pytest.raises((Conflict, PermissionDenied)):
        _ask(alice, request)


def test_new_evidence_answers_the_request_and_puts_the_case_back_in_the_queue() -> None:
    alice = officer()
    request = taken_request(alice)
    _ask(alice, request)
    with time_machine.travel("2026-11-12 09:00:00Z", tick=False):
        add_evidence(
            actor=request.filed_by,
            request_id=request.pk,
            kind="passport_bio_page",
            upload=SimpleUploadedFile("passport.png", image_bytes("PNG"), "image/png"),
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    case = CaseTriage.objects.get(request=request)
    assert (case.state, case.assigned_to, case.note) == (
        QueueState.QUEUED,
        None,
        "New evidence arrived.",
    )
    assert case.sla_paused_seconds == 10 * 24 * 3600
    assert EvidenceRequest.objects.get().status == EvidenceRequestStatus.ANSWERED
    assert assign_next_case(officer=alice).request_id == request.pk  # back at its priority


def test_a_reminder_is_sent_once_a_week_before_the_due_date() -> None:
    alice = officer()
    request = taken_request(alice)
    _ask(alice, request)
    with time_machine.travel("2026-11-20 09:00:00Z", tick=False):
        assert evidence_requests.send_evidence_reminders() == 0  # 12 days left
    with time_machine.travel("2026-11-26 09:00:00Z", tick=False):
        assert evidence_requests.send_evidence_reminders() == 1
        assert evidence_requests.send_evidence_reminders() == 0
    assert Notification.objects.filter(key__contains="reminder").count() == 2  # portal, email


@pytest.mark.parametrize(
    ("reads_in", "starts", "due"),
    [("en", "Reminder: evidence for", "December 2, 2026"), ("uk", "Нагадування:", "2 грудня 2026")],
)
def test_the_reminder_is_in_the_applicants_language_and_its_email_ends_on_the_due_date(
    reads_in: str, starts: str, due: str
) -> None:
    alice = officer()
    request = taken_request(alice)
    request.filed_by.email = "applicant@example.org"
    request.filed_by.preferred_language = reads_in
    request.filed_by.save(update_fields=["email", "preferred_language"])
    _ask(alice, request)
    with time_machine.travel("2026-11-26 09:00:00Z", tick=False):
        assert evidence_requests.send_evidence_reminders() == 1
    portal, email = Notification.objects.filter(key__contains="reminder").order_by("key")
    assert portal.subject.startswith(starts) and portal.language == reads_in
    assert request.reference in portal.subject and due in portal.subject  # the reader's date
    assert (email.subject, email.send_until) == (portal.subject, dt.date(2026, 12, 2))


def test_no_answer_by_the_due_date_returns_the_case_to_be_decided_on_the_record() -> None:
    alice = officer()
    request = taken_request(alice)
    _ask(alice, request)
    with time_machine.travel("2026-12-02 09:00:00Z", tick=False):
        assert evidence_requests.expire_evidence_requests() == 0  # due today: still open
    with time_machine.travel("2026-12-03 09:00:00Z", tick=False):
        assert evidence_requests.expire_evidence_requests() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    assert EvidenceRequest.objects.get().status == EvidenceRequestStatus.EXPIRED
    case = CaseTriage.objects.get(request=request)
    assert "decide on the record" in case.note and case.state == QueueState.QUEUED
    assert AuditEvent.objects.filter(action="evidence.expired").exists()
