"""Request services: drafts, submission with pre-screen, representatives and re-screening."""

from __future__ import annotations

import pytest
import time_machine

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent
from lifeline.audit.models import AuditEvent
from lifeline.core import clock
from lifeline.core.errors import NotFound, PermissionDenied, StaleVersion
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest, PrescreenRecord
from lifeline.intake.services import create_request, rescreen_request, submit_request
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.people.models import Person

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_submitting_a_draft_stamps_the_filing_date_and_stores_the_prescreen() -> None:
    beneficiary = make_user(UserRole.BENEFICIARY)
    draft = create_request(actor=beneficiary, document=request_document())
    assert draft.status == RequestStatus.DRAFT
    submitted = submit_request(request_id=draft.pk, actor=beneficiary)
    assert submitted.status == RequestStatus.PRESCREENED
    assert submitted.filed_on == clock.today()
    record = PrescreenRecord.objects.get(request=submitted, is_current=True)
    assert record.program_version == submitted.program_version
    assert record.rules, "every rule is evaluated, so rules is never empty"
    assert submitted.prescreen_outcome == record.outcome
    actions = [
        action
        for action in AuditEvent.objects.filter(stream=f"request:{draft.pk}")
        .order_by("sequence")
        .values_list("action", flat=True)
        if action.startswith("request.")
    ]
    assert actions == [
        "request.created",
        "request.submitted",
        "request.prescreen_recorded",
        "request.prescreened",
    ]


def test_a_representative_files_only_with_the_clients_consent() -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    client = make_user(UserRole.BENEFICIARY)
    with pytest.raises(PermissionDenied, match="consented"):
        create_request(actor=representative, document=request_document(), client=client)
    assert not ParoleRequest.objects.exists() and not Person.objects.exists()
    RepresentationConsent.objects.create(
        representative=representative, client=client, granted_at=clock.now()
    )
    request = create_request(actor=representative, document=request_document(), client=client)
    assert (request.filed_by, request.representative) == (client, representative)
    event = AuditEvent.objects.get(stream=f"request:{request.pk}", action="request.created")
    assert event.on_behalf_of == client


def test_unknown_program_is_refused_before_anything_is_saved() -> None:
    beneficiary = make_user(UserRole.BENEFICIARY)
    with pytest.raises(NotFound):
        create_request(actor=beneficiary, document=request_document(program="atlantis"))
    assert not Person.objects.exists()


def test_only_the_filer_submits_and_a_stale_version_is_a_conflict() -> None:
    owner = make_user(UserRole.BENEFICIARY)
    draft = create_request(actor=owner, document=request_document())
    with pytest.raises(PermissionDenied):
        submit_request(request_id=draft.pk, actor=make_user(UserRole.BENEFICIARY))
    with pytest.raises(StaleVersion):
        submit_request(request_id=draft.pk, actor=owner, expected_version=draft.version + 1)
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT


def test_rescreening_keeps_history_and_marks_only_the_newest_current() -> None:
    owner = make_user(UserRole.BENEFICIARY)
    draft = create_request(actor=owner, document=request_document())
    submit_request(request_id=draft.pk, actor=owner)
    rescreen_request(request_id=draft.pk)
    assert PrescreenRecord.objects.filter(request=draft).count() == 2
    assert PrescreenRecord.objects.filter(request=draft, is_current=True).count() == 1
