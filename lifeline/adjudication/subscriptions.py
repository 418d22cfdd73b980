"""Every reaction of adjudication to other apps' writes, in one place."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from lifeline.adjudication.evidence_requests import answer_evidence_request
from lifeline.intake.models import EvidenceItem


def on_evidence_added(sender: type, instance: EvidenceItem, created: bool, **_: Any) -> None:
    """New evidence answers an open evidence request, in the upload's own transaction."""
    if created:
        answer_evidence_request(request_id=instance.request_id, evidence_id=instance.pk)


def connect() -> None:
    post_save.connect(
        on_evidence_added, sender=EvidenceItem, dispatch_uid="adjudication.on_evidence_added"
    )
