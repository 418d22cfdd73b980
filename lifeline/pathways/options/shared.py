"""What the options share: the advice to see a representative, and what is missing when no
arrival is on record by the date."""

from __future__ import annotations

import datetime as dt

from lifeline.pathways.documents import PathwayRequest

LEGAL_REVIEW = "Speak to an accredited representative before relying on this date."


def no_arrival_by(request: PathwayRequest, on: dt.date) -> str:
    """What is missing when no arrival is on record by `on`: any, or one before a later one."""
    later = request.first_arrival()
    if later is None:
        return "Your arrival dates are needed."
    return f"No arrival on record by {on}: the first recorded is on {later.on}, after this date."
