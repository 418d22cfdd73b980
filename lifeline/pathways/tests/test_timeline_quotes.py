"""A TPS event's dates agree with the sentences its sources quote from the notice.

The notices state the dates in their summaries, e.g. 88 FR 56872: "who have been continuously
residing in the United States since August 16, 2023"; 89 FR 54484: "who have been continuously
physically present in the United States since August 4, 2024"; 90 FR 5936: "for 18 months,
beginning on April 20, 2025, and ending on October 19, 2026". A date typed into an event that
its own quote contradicts fails here.
"""

from __future__ import annotations

import datetime as dt
import re

from lifeline.pathways.registry import get_pathway_registry
from lifeline.programs.timeline import TimelineEvent

DATE = r"([A-Z][a-z]+ \d{1,2}, \d{4})"
PATTERNS = {
    "continuous_residence_since": re.compile(
        rf"(?:continuously residing|continuous residence) in the United States since {DATE}"
    ),
    "continuous_presence_since": re.compile(
        rf"continuously physically present in the United States since {DATE}"
    ),
    "ends_on": re.compile(rf"and ending on {DATE}"),
}


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(" ".join(text.split()), "%B %d, %Y").date()


def _stated(event: TimelineEvent) -> list[tuple[str, dt.date]]:
    stated = []
    for source in event.sources:
        quote = " ".join((source.quote or "").split())
        for field, pattern in PATTERNS.items():
            stated += [(field, _date(found)) for found in pattern.findall(quote)]
    return stated


def test_every_date_a_quote_states_is_the_date_the_event_carries():
    events = get_pathway_registry().timeline.file.events
    compared = 0
    for event in events:
        for field, date in _stated(event):
            assert getattr(event, field) == date, f"{event.id}.{field}: the quote says {date}"
            compared += 1
    assert compared >= 6
