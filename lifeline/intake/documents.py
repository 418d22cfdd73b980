"""The one way to read and write a stored request document: identifiers sealed at rest."""

from __future__ import annotations

from typing import Any

from lifeline.intake.models import ParoleRequest
from lifeline.programs.documents import RequestDocument
from lifeline.programs.sealing import seal_document, unseal_document
from lifeline.programs.upgrades import upgrade_stored_document, without_contradictory_travel


def open_stored(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored document as version 2 JSON with its identifiers opened (in memory only); travel
    facts once stored contradicting each other are read as unknown (ADR 0273)."""
    return without_contradictory_travel(unseal_document(upgrade_stored_document(stored)))


def plain_document(request: ParoleRequest) -> dict[str, Any]:
    return open_stored(request.document)


def read_document(request: ParoleRequest) -> RequestDocument:
    return RequestDocument.model_validate(plain_document(request))


def stored_form(document: RequestDocument | dict[str, Any]) -> dict[str, Any]:
    """What goes in `ParoleRequest.document`: version 2 JSON with every identifier sealed."""
    data = document.model_dump(mode="json") if isinstance(document, RequestDocument) else document
    return seal_document(data)
