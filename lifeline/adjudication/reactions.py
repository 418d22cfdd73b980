"""How adjudication reacts to intake's events, inside the publisher's transaction."""

from __future__ import annotations

from lifeline.adjudication.evidence_requests import answer_evidence_request
from lifeline.intake.events import EvidenceAdded


def answer_open_evidence_request(event: EvidenceAdded) -> None:
    """New evidence answers an open evidence request, in the upload's own transaction."""
    answer_evidence_request(request_id=event.request_id, evidence_id=event.evidence_id)
