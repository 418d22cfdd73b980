"""Whether a TPS applicant's stay covers the designation's continuous-residence date."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.options.shared import LEGAL_REVIEW, no_arrival_by
from lifeline.pathways.state import Draft


@dataclass(frozen=True)
class Stay:
    """The arrival the person's stay on the date runs from, and an absence after the
    continuous-residence date that may or may not have broken it."""

    since: dt.date
    absence: tuple[dt.date, dt.date] | None = None


def stay_since(request: PathwayRequest, on: dt.date, resided_since: dt.date) -> Stay | Draft:
    """The stay on `on` measured from the last arrival by then (an earlier arrival counts only
    through an absence that began after `resided_since`); a Draft when it does not reach back
    to that date or a fact needed to tell is missing."""
    arrivals = sorted(a.on for a in request.arrivals if a.on <= on)
    if not arrivals:
        return Draft("needs_information", no_arrival_by(request, on), missing=["arrivals"])
    last = arrivals[-1]
    if last <= resided_since:
        return Stay(last)
    earlier = [arrived for arrived in arrivals if arrived <= resided_since]
    if not earlier:
        return Draft(
            "not_available",
            f"You arrived on {last}, after the continuous-residence date {resided_since}.",
        )
    left = [d.on for d in request.departures if earlier[-1] <= d.on < last]
    if not left:
        return Draft(
            "needs_information",
            f"You arrived on {earlier[-1]} and again on {last}: the date you left in between is needed to tell whether you resided here continuously since {resided_since}.",
            missing=["departures"],
        )
    if left[0] < resided_since:
        return Draft(
            "not_available",
            f"You were outside the United States on {resided_since} (you left on {left[0]} and came back on {last}), so you have not resided here continuously since that date.",
        )
    return Stay(earlier[-1], absence=(left[0], last))


def absence_review(stay: Stay, resided_since: dt.date) -> Draft | None:
    """An absence after the continuous-residence date: only a brief, casual and innocent one
    keeps continuous residence, which is for a representative to judge."""
    if stay.absence is None:
        return None
    left, back = stay.absence
    return Draft(
        "needs_legal_review",
        f"You were away from {left} to {back}, after the continuous-residence date {resided_since}; only a brief, casual and innocent absence keeps continuous residence. "
        + LEGAL_REVIEW,
    )
