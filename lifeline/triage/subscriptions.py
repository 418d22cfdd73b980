"""Every reaction of triage to other apps' writes, in one place (run inside their transaction)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.signals import requests_imported
from lifeline.triage.models import CaseTriage
from lifeline.triage.services import queue_imported_requests, triage_request
from lifeline.triage.workflow import finish_cases


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
        finish_cases(instance.pk)


def on_requests_imported(sender: type, requests: list[ParoleRequest], **_: Any) -> None:
    """Imported requests arrive pre-screened and new: queue them all at once."""
    queue_imported_requests(
        requests=[request for request in requests if request.status == RequestStatus.PRESCREENED]
    )


def connect() -> None:
    post_save.connect(on_request_saved, sender=ParoleRequest, dispatch_uid="triage.on_request")
    requests_imported.connect(
        on_requests_imported, sender=ParoleRequest, dispatch_uid="triage.on_import"
    )
