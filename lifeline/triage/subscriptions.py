"""Every reaction of triage to other apps' writes, in one place (run inside their transaction)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import RequestStatusChange
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import triage_request


def on_status_change(sender: type, instance: RequestStatusChange, created: bool, **_: Any) -> None:
    """A pre-screened request joins the queue; a final one leaves it."""
    if not created:
        return
    if instance.to_status == RequestStatus.PRESCREENED:
        triage_request(request_id=instance.request_id)
    elif instance.to_status in workflow.FINAL_STATUSES:
        CaseTriage.objects.filter(request_id=instance.request_id).update(
            state=QueueState.DONE, assigned_to=None, sla_paused_at=None
        )


def connect() -> None:
    post_save.connect(
        on_status_change, sender=RequestStatusChange, dispatch_uid="triage.on_status_change"
    )
