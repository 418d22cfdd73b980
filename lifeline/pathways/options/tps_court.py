"""The court orders that decide a TPS designation's status on a date, and how surely read."""

from __future__ import annotations

from dataclasses import replace

from lifeline.pathways.state import Draft, to_legal_review
from lifeline.programs.sources import weakest
from lifeline.programs.timeline import SubjectState, Timeline, TimelineEvent


def deciding_orders(timeline: Timeline, subject: SubjectState) -> list[TimelineEvent]:
    """The court order last acting on the termination by the date (one that blocks it keeps the
    designation; one that lifts a block lets the termination end it)."""
    if subject.termination is None:
        return []
    orders = [
        e
        for e in timeline.file.events
        if e.targets == subject.termination.id and e.effective_on <= subject.on
    ]
    latest = max(orders, key=lambda e: (e.effective_on, e.id), default=None)
    return [latest] if latest is not None else []


def unsure_orders(timeline: Timeline, subject: SubjectState, draft: Draft) -> Draft:
    """The draft as needing legal review when a deciding order's text was read only in
    secondary sources or not at all; a "not available" resting on it too (ADR 0158 keeps
    "not available" only for details that do not decide the status)."""
    unsure = [
        order
        for order in deciding_orders(timeline, subject)
        if weakest([s.confidence for s in order.sources]) != "verified"
    ]
    if not unsure or not subject.known:
        return draft
    why = " ".join(
        f"the court order it rests on ({order.summary}) was read only in secondary sources."
        for order in unsure
    )
    if draft.status == "not_available":
        would_be = f"Would be “not available” ({draft.summary}), but {why}"
        return replace(
            draft,
            status="needs_legal_review",
            summary="Needs legal review: " + unsure[0].summary,
            lines=[*draft.lines, would_be],
        )
    return to_legal_review(draft, why, summary="Needs legal review: " + unsure[0].summary)
