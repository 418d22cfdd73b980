"""What intake publishes: a submission once, each move once, new evidence once, and a bulk import
the same submission event for each request; and what the subscribers then do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.accounts.enums import UserRole
from lifeline.core.jobs import Job
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.core.tests.recording import record_events
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import EvidenceAdded, RequestStatusChanged, RequestSubmitted
from lifeline.intake.evidence import add_evidence
from lifeline.intake.imports import RequestImport, import_requests
from lifeline.intake.services import create_request, submit_request, transition_request
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    """The named jobs enqueued (on commit), by task name, instead of running them."""
    jobs: list[tuple[str, tuple[Any, ...]]] = []
    for job in Job:
        task = job.task()
        monkeypatch.setattr(
            type(task),
            "enqueue",
            lambda self, *args: jobs.append((self.func.__name__, args)),
        )
    return jobs


def _submitted(monkeypatch: pytest.MonkeyPatch, captured: Any) -> tuple[Any, list[Any]]:
    filer = make_user(UserRole.BENEFICIARY)
    draft = create_request(actor=filer, document=request_document())
    published = record_events(monkeypatch)
    with captured(execute=True):
        request = submit_request(request_id=draft.pk, actor=filer)
    return request, published


def test_submitting_publishes_request_submitted_once_then_queues_and_screens_it(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any, enqueued: list
) -> None:
    request, published = _submitted(monkeypatch, django_capture_on_commit_callbacks)
    assert published == [
        RequestSubmitted(
            request_id=request.pk,
            reference=request.reference,
            status=RequestStatus.PRESCREENED,
            prescreen_outcome=request.prescreen_outcome,
        )
    ]
    assert CaseTriage.objects.get(request=request).state == QueueState.QUEUED
    assert enqueued == [("screen_requests_task", ([request.pk],))]


def test_a_move_publishes_request_status_changed_once_and_a_final_one_leaves_the_queue(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any, enqueued: list
) -> None:
    request, published = _submitted(monkeypatch, django_capture_on_commit_callbacks)
    published.clear()
    transition_request(
        request_id=request.pk, to_status=RequestStatus.WITHDRAWN, actor=request.filed_by
    )
    assert published == [
        RequestStatusChanged(
            request_id=request.pk,
            reference=request.reference,
            from_status=RequestStatus.PRESCREENED,
            to_status=RequestStatus.WITHDRAWN,
            actor_role=UserRole.BENEFICIARY,
        )
    ]
    assert CaseTriage.objects.get(request=request).state == QueueState.DONE


def test_a_bulk_import_publishes_the_same_event_for_each_request_and_queues_them_all(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any, enqueued: list
) -> None:
    filer = make_user(UserRole.BENEFICIARY)
    published = record_events(monkeypatch)
    items = [RequestImport(actor=filer, document=request_document()) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        requests = import_requests(items=items)
    assert published == [
        RequestSubmitted(
            request_id=request.pk,
            reference=request.reference,
            status=RequestStatus.PRESCREENED,
            prescreen_outcome=request.prescreen_outcome,
        )
        for request in requests
    ]
    assert CaseTriage.objects.filter(request__in=requests).count() == 3
    assert enqueued == [("screen_requests_task", ([r.pk for r in requests],))]


def test_new_evidence_publishes_evidence_added_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    filer = make_user(UserRole.BENEFICIARY)
    request = create_request(actor=filer, document=request_document())
    published = record_events(monkeypatch)
    item = add_evidence(
        actor=filer,
        request_id=request.pk,
        kind="passport_bio_page",
        upload=SimpleUploadedFile("passport.png", image_bytes("PNG"), "image/png"),
    )
    assert published == [
        EvidenceAdded(evidence_id=item.pk, request_id=request.pk, kind="passport_bio_page")
    ]
