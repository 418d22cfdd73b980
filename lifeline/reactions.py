"""Who reacts to which domain event, in order: the one list `publish` runs.

Each subscriber runs inside the publisher's transaction; one that defers work enqueues a named
job on commit (`lifeline.core.jobs`). Installed at app start by `lifeline.core`.
"""

from __future__ import annotations

from lifeline.adjudication import reactions as adjudication
from lifeline.adjudication.events import DecisionTookEffect
from lifeline.core import events
from lifeline.intake.events import EvidenceAdded, RequestStatusChanged, RequestSubmitted
from lifeline.integrity import reactions as integrity
from lifeline.parole import reactions as parole
from lifeline.supporters.events import DeclarationSubmitted, DeclarationWithdrawn
from lifeline.triage import reactions as triage

REACTIONS: events.Reactions = {
    RequestSubmitted: (
        integrity.screen_submitted_request,
        triage.queue_submitted_request,
    ),
    RequestStatusChanged: (
        integrity.screen_arrived_request,
        triage.follow_request_status,
        adjudication.close_request_work,
    ),
    EvidenceAdded: (adjudication.answer_open_evidence_request,),
    DecisionTookEffect: (parole.open_term_on_approval,),
    DeclarationSubmitted: (integrity.screen_declaration,),
    DeclarationWithdrawn: (integrity.forget_declaration,),
}


def install() -> None:
    """Make this list the one `lifeline.core.events.publish` runs."""
    events.install(REACTIONS)
