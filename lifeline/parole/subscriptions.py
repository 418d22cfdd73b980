"""Every reaction of the parole app to other apps' events, in one place."""

from __future__ import annotations

from typing import Any

from lifeline.adjudication.enums import Outcome
from lifeline.adjudication.models import Decision
from lifeline.adjudication.signals import decision_took_effect
from lifeline.parole.services import open_parole_term


def on_decision_took_effect(sender: type, decision: Decision, **_: Any) -> None:
    """An approval opens the parole term (in the approval's transaction)."""
    if decision.outcome == Outcome.APPROVE:
        open_parole_term(request_id=decision.request_id)


def connect() -> None:
    decision_took_effect.connect(
        on_decision_took_effect, sender=Decision, dispatch_uid="parole.on_decision_took_effect"
    )
