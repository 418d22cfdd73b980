"""Background task for notices: render, store and deliver one notice."""

from __future__ import annotations

from django.tasks import task

from lifeline.notices import services


@task
def deliver_notice_task(notice_id: int) -> str:
    return services.deliver_notice(notice_id=notice_id).verification_code
