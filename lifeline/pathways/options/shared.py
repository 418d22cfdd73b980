"""What the options share: the advice to see a representative and the order of statuses."""

from __future__ import annotations

LEGAL_REVIEW = "Speak to an accredited representative before relying on this date."


def rank(status: str) -> int:
    order = [
        "may_apply",
        "needs_legal_review",
        "not_yet",
        "needs_information",
        "deadline_passed",
        "not_available",
    ]
    return order.index(status)
