"""Every reaction of integrity to other apps' writes: queue a screen once the write commits."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.signals import requests_imported
from lifeline.integrity.models import ScreeningKey
from lifeline.integrity.tasks import screen_declaration_task, screen_requests_task
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration

_ARRIVED = frozenset({RequestStatus.SUBMITTED, RequestStatus.PRESCREENED})
_IMPORT_CHUNK = 200  # requests per queued task, so one import does not become one huge task


def on_declaration_saved(
    sender: type, instance: SupporterDeclaration, created: bool, **_: Any
) -> None:
    """A supporter form just submitted is screened (bulk imports are screened with their
    requests); a withdrawn one leaves the index, so its values no longer count."""
    if created:
        pk = instance.pk
        transaction.on_commit(lambda: screen_declaration_task.enqueue(pk))
    elif instance.status == DeclarationStatus.WITHDRAWN:
        ScreeningKey.objects.filter(declaration=instance).delete()


def on_request_saved(
    sender: type, instance: ParoleRequest, update_fields: frozenset[str] | None, **_: Any
) -> None:
    """A request is screened when it is submitted (and pre-screened in the same step)."""
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status in _ARRIVED:
        pk = instance.pk
        transaction.on_commit(lambda: screen_requests_task.enqueue([pk]))


def on_requests_imported(sender: type, requests: list[ParoleRequest], **_: Any) -> None:
    """Imported requests (and the supporter forms on them) are screened in chunks."""
    ids = [request.pk for request in requests]
    for start in range(0, len(ids), _IMPORT_CHUNK):
        chunk = ids[start : start + _IMPORT_CHUNK]
        transaction.on_commit(partial(screen_requests_task.enqueue, chunk))


def connect() -> None:
    post_save.connect(
        on_declaration_saved, sender=SupporterDeclaration, dispatch_uid="integrity.on_declaration"
    )
    post_save.connect(on_request_saved, sender=ParoleRequest, dispatch_uid="integrity.on_request")
    requests_imported.connect(
        on_requests_imported, sender=ParoleRequest, dispatch_uid="integrity.on_import"
    )
