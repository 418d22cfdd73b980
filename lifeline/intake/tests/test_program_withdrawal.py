"""Withdrawal by the program office, end to end: the table, the case page, the queue, the
evidence request, the notice in the applicant's language and the portal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication import evidence_requests
from lifeline.adjudication.enums import EvidenceRequestStatus
from lifeline.adjudication.models import EvidenceRequest
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import TransitionNotAllowed, ValidationFailed
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest, RequestStatusChange
from lifeline.intake.services import withdraw_request_by_program
from lifeline.intake.tests.factories import make_request, make_user
from lifeline.notices.enums import NoticeKind
from lifeline.notices.models import Notice
from lifeline.notices.rendering import notice_html
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.tests.scenario import officer, supervisor, taken_request

pytestmark = pytest.mark.django_db
REASON = "The sponsoring program office closed this caseload after a records audit."


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, settings: Any):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _waiting_for_evidence() -> ParoleRequest:
    holder = officer()
    request = taken_request(by=holder)
    # Filed in Spanish by an applicant who reads the portal in Spanish (ADR 0245).
    ParoleRequest.objects.filter(pk=request.pk).update(language="es")
    User.objects.filter(pk=request.filed_by_id).update(preferred_language="es")
    evidence_requests.request_evidence(
        officer=holder,
        request_id=request.pk,
        expected_version=request.version,
        item_ids=[],
        free_text="A letter from the treating hospital.",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED
    return request


def test_a_supervisor_withdraws_a_request_from_the_case_page_and_every_subscriber_follows() -> None:
    request = _waiting_for_evidence()
    boss = supervisor()
    client = _signed_in(boss)
    page = client.get(reverse("workspace:case", args=[request.reference]))
    assert b"Withdraw for the program office" in page.content
    response = client.post(
        reverse("workspace:withdraw_by_program", args=[request.reference]),
        {"reason": REASON, "expected_version": request.version},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PROGRAM_WITHDRAWN
    change = RequestStatusChange.objects.get(request=request, to_status="program_withdrawn")
    assert (change.from_status, change.actor_role, change.reason) == (
        RequestStatus.EVIDENCE_REQUESTED,
        UserRole.SUPERVISOR,
        REASON,
    )
    actions = list(
        AuditEvent.objects.filter(stream=f"request:{request.pk}")
        .order_by("id")
        .values_list("action", flat=True)
    )
    # Subscribers write in the move's transaction, before the move's own event.
    assert actions[-3:] == ["evidence.cancelled", "notice.issued", "request.program_withdrawn"]
    case = CaseTriage.objects.get(request=request)
    assert (case.state, case.assigned_to_id, case.sla_paused_at) == (QueueState.DONE, None, None)
    asked = EvidenceRequest.objects.get(request=request)
    assert asked.status == EvidenceRequestStatus.CANCELLED
    notice = Notice.objects.get(request=request, kind=NoticeKind.PROGRAM_WITHDRAWAL)
    assert notice.language == "es" and notice.context["reasons"] == [{"text": REASON}]
    assert "oficina del programa" in notice_html(notice)
    page = client.get(reverse("workspace:case", args=[request.reference]))
    assert b"Withdrawn by the program office" in page.content
    assert b"Withdraw for the program office" not in page.content


def test_the_applicant_sees_the_new_status_and_the_reason_in_their_language() -> None:
    request = _waiting_for_evidence()
    withdraw_request_by_program(actor=supervisor(), request_id=request.pk, reason=REASON)
    client = _signed_in(request.filed_by)
    with translation.override("es"):
        url = reverse("portal:request", args=[request.reference])
    page = client.get(url).content.decode()
    assert "Retirada por la oficina del programa" in page
    assert REASON in page
    assert "Send a document" not in page and "Enviar un documento" not in page


def test_the_expiry_sweep_leaves_a_withdrawn_request_alone() -> None:
    request = _waiting_for_evidence()
    withdraw_request_by_program(actor=supervisor(), request_id=request.pk, reason=REASON)
    with time_machine.travel(dt.datetime(2027, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        assert evidence_requests.expire_evidence_requests() == 0
    request.refresh_from_db()
    assert request.status == RequestStatus.PROGRAM_WITHDRAWN


def test_an_applicant_withdrawing_also_cancels_the_open_evidence_request() -> None:
    from lifeline.intake.services import transition_request

    request = _waiting_for_evidence()
    transition_request(
        request_id=request.pk, to_status=RequestStatus.WITHDRAWN, actor=request.filed_by
    )
    asked = EvidenceRequest.objects.get(request=request)
    assert asked.status == EvidenceRequestStatus.CANCELLED
    assert not Notice.objects.filter(request=request, kind=NoticeKind.PROGRAM_WITHDRAWAL).exists()


@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR])
def test_the_program_office_withdraws_any_request_waiting_for_a_decision(role: str) -> None:
    for status in (
        RequestStatus.SUBMITTED,
        RequestStatus.PRESCREENED,
        RequestStatus.IN_REVIEW,
        RequestStatus.EVIDENCE_REQUESTED,
    ):
        request = make_request(status=status)
        moved = withdraw_request_by_program(
            actor=make_user(role), request_id=request.pk, reason=REASON
        )
        assert moved.status == RequestStatus.PROGRAM_WITHDRAWN


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (UserRole.OFFICER, RequestStatus.IN_REVIEW),
        (UserRole.AUDITOR, RequestStatus.IN_REVIEW),
        (UserRole.SUPERVISOR, RequestStatus.DECISION_PENDING_SIGNOFF),
        (UserRole.SUPERVISOR, RequestStatus.DRAFT),
        (UserRole.SUPERVISOR, RequestStatus.APPROVED),
        (UserRole.PROGRAM_ADMINISTRATOR, RequestStatus.WITHDRAWN),
    ],
)
def test_other_roles_and_other_statuses_are_refused_and_nothing_changes(
    role: str, status: str
) -> None:
    request = make_request(status=status)
    with pytest.raises(TransitionNotAllowed):
        withdraw_request_by_program(actor=make_user(role), request_id=request.pk, reason=REASON)
    request.refresh_from_db()
    assert request.status == status
    assert not AuditEvent.objects.filter(stream=f"request:{request.pk}").exists()


def test_a_withdrawal_needs_a_reason_and_the_page_says_so() -> None:
    request = _waiting_for_evidence()
    with pytest.raises(ValidationFailed):
        withdraw_request_by_program(actor=supervisor(), request_id=request.pk, reason="  no ")
    client = _signed_in(supervisor())
    response = client.post(
        reverse("workspace:withdraw_by_program", args=[request.reference]),
        {"reason": "", "expected_version": request.version},
        follow=True,
    )
    assert b"Say why the program office withdraws this request." in response.content
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED


def test_an_officer_sees_no_withdrawal_form_and_a_forged_post_is_refused() -> None:
    request = _waiting_for_evidence()
    client = _signed_in(officer())
    page = client.get(reverse("workspace:case", args=[request.reference]))
    assert b"Withdraw for the program office" not in page.content
    response = client.post(
        reverse("workspace:withdraw_by_program", args=[request.reference]),
        {"reason": REASON, "expected_version": request.version},
        follow=True,
    )
    assert b"cannot be moved to withdrawn by the program office by a officer" in response.content
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED
