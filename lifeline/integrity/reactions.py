"""How integrity reacts to other apps' events: queue a screen once the write commits."""

from __future__ import annotations

from collections.abc import Sequence

from lifeline.core.events import batched
from lifeline.core.jobs import Job, enqueue_on_commit
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import RequestStatusChanged, RequestSubmitted
from lifeline.integrity.models import ScreeningKey
from lifeline.supporters.events import DeclarationSubmitted, DeclarationWithdrawn

_ARRIVED = frozenset({RequestStatus.SUBMITTED, RequestStatus.PRESCREENED})
_IMPORT_CHUNK = 200  # requests per queued task, so one import does not become one huge task


def screen_declaration(event: DeclarationSubmitted) -> None:
    """A supporter form just submitted is screened once it commits."""
    enqueue_on_commit(Job.SCREEN_DECLARATION, event.declaration_id)


def forget_declaration(event: DeclarationWithdrawn) -> None:
    """A withdrawn form leaves the screening index, so its values no longer count."""
    ScreeningKey.objects.filter(declaration_id=event.declaration_id).delete()


def screen_submitted_requests(events: Sequence[RequestSubmitted]) -> None:
    """Many new requests (a bulk import, with their supporter forms) are screened in chunks."""
    ids = [event.request_id for event in events]
    for start in range(0, len(ids), _IMPORT_CHUNK):
        enqueue_on_commit(Job.SCREEN_REQUESTS, ids[start : start + _IMPORT_CHUNK])


@batched(screen_submitted_requests)
def screen_submitted_request(event: RequestSubmitted) -> None:
    """A request is screened once its submission commits."""
    enqueue_on_commit(Job.SCREEN_REQUESTS, [event.request_id])


def screen_arrived_request(event: RequestStatusChanged) -> None:
    """A request moved to submitted or pre-screened outside a submission is screened too."""
    if event.to_status in _ARRIVED:
        enqueue_on_commit(Job.SCREEN_REQUESTS, [event.request_id])
