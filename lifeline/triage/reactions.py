"""How triage reacts to intake's events, inside the publisher's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from lifeline.core.events import batched
from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import RequestStatusChanged, RequestSubmitted
from lifeline.intake.models import ParoleRequest
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import queue_imported_requests, triage_request
from lifeline.triage.workflow import finish_cases


def _queue_once(request_id: int) -> None:
    if not CaseTriage.objects.filter(request_id=request_id).exists():
        triage_request(request_id=request_id)


def queue_submitted_requests(events: Sequence[RequestSubmitted]) -> None:
    """Many new requests (a bulk import) join the queue in one insert."""
    ids = [event.request_id for event in events if event.status == RequestStatus.PRESCREENED]
    requests = ParoleRequest.objects.filter(pk__in=ids).exclude(triage__isnull=False)
    queue_imported_requests(requests=list(requests.order_by("pk")))


@batched(queue_submitted_requests)
def queue_submitted_request(event: RequestSubmitted) -> None:
    """A request submitted and pre-screened joins the queue once."""
    if event.status == RequestStatus.PRESCREENED:
        _queue_once(event.request_id)


def follow_request_status(event: RequestStatusChanged) -> None:
    """A request moved to pre-screened joins the queue once; a final one leaves it."""
    if event.to_status == RequestStatus.PRESCREENED:
        _queue_once(event.request_id)
    elif event.to_status in workflow.FINAL_STATUSES:
        finish_cases(event.request_id)
