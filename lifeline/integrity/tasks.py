"""Background screening: each form as it arrives (queued on commit of the write that filed it) and
the nightly full screen, all on the `integrity` queue so one matching worker can run them."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import task

from lifeline.integrity.screening.arriving import screen_declaration, screen_request
from lifeline.integrity.screening.batch import screen_all_forms

QUEUE = "integrity"


@task(queue_name=QUEUE)
def screen_declaration_task(declaration_id: int) -> int:
    return screen_declaration(declaration_id)


@task(queue_name=QUEUE)
def screen_requests_task(request_ids: list[int]) -> int:
    return sum(screen_request(request_id) for request_id in request_ids)


@task(queue_name=QUEUE)
def screen_all_forms_task() -> dict[str, int]:
    """Re-resolve every supporter, rebuild the index, rings and flags, and write the identity
    snapshot the arriving-form screen reads (scheduled daily)."""
    return asdict(screen_all_forms())
