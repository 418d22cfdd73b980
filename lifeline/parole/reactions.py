"""How the parole app reacts to adjudication's events."""

from __future__ import annotations

from lifeline.adjudication.enums import Outcome
from lifeline.adjudication.events import DecisionTookEffect
from lifeline.parole.services import open_parole_term


def open_term_on_approval(event: DecisionTookEffect) -> None:
    """An approval opens the parole term (in the approval's transaction)."""
    if event.outcome == Outcome.APPROVE:
        open_parole_term(request_id=event.request_id)
