"""Every reaction of triage to other apps' writes, in one place (run inside their transaction)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import triage_request


def on_request_saved(
    sender: type, instance: ParoleRequest, update_fields: frozenset[str] | None, **_: Any
) -> None:
    """A pre-screened request joins the queue once; a final one leaves it."""
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status == RequestStatus.PRESCREENED:
        if not CaseTriage.objects.filter(request_id=instance.pk).exists():
            triage_request(request_id=instance.pk)
    elif instance.status in workflow.FINAL_STATUSES:
        CaseTriage.objects.filter(request_id=instance.pk).exclude(state=QueueState.DONE).update(
            state=QueueState.DONE, assigned_to=None, sla_paused_at=None
        )


def connect() -> None:
    post_save.connect(on_request_saved, sender=ParoleRequest, dispatch_uid="triage.on_request")
