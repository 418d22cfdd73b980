"""Background screening of forms as they arrive (queued on commit of the write that filed them)."""

from __future__ import annotations

from django.tasks import task

from lifeline.integrity.screening import screen_declaration, screen_request


@task
def screen_declaration_task(declaration_id: int) -> int:
    return screen_declaration(declaration_id)


@task
def screen_requests_task(request_ids: list[int]) -> int:
    return sum(screen_request(request_id) for request_id in request_ids)
