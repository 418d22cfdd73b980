"""Background tasks for adjudication: remind about and expire evidence requests."""

from __future__ import annotations

from django.tasks import task

from lifeline.adjudication import evidence_requests
from lifeline.notices import services as notices


@task
def deliver_notice_task(notice_id: int) -> str:
    """Kept so deliveries queued before notices had their own app still run; new ones are
    queued as `lifeline.notices.tasks.deliver_notice_task`."""
    return notices.deliver_notice(notice_id=notice_id).verification_code


@task
def send_evidence_reminders_task() -> int:
    return evidence_requests.send_evidence_reminders()


@task
def expire_evidence_requests_task() -> int:
    return evidence_requests.expire_evidence_requests()
