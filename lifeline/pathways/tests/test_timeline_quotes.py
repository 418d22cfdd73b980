"""A TPS event's dates agree with the sentences its sources quote from the notice.

The notices state the dates in their summaries, e.g. 88 FR 56872: "who have been continuously
residing in the United States since August 16, 2023"; 89 FR 54484: "who have been continuously
physically present in the United States since August 4, 2024"; 90 FR 5936: "for 18 months,
beginning on April 20, 2025, and ending on October 19, 2026"; 64 FR 524: "This designation is
effective on January 5, 1999". A date typed into an event that its own quote contradicts fails
here, and a first designation is announced on the day its notice was published.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

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
    "effective_on": re.compile(rf"effective (?:on )?{DATE}"),
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


@pytest.mark.parametrize(
    ("event_id", "document", "confidence"),
    [
        ("tps_hn_designation", "98-34849", "verified"),  # 64 FR 524
        ("tps_ni_designation", "98-34848", "verified"),  # 64 FR 526
        ("tps_sv_designation", "01-5818", "verified"),  # 66 FR 14214
        ("tps_ve_2021_designation", "2021-04951", "secondary"),  # 86 FR 13574, read in a copy
    ],
)
def test_a_first_designation_is_announced_on_the_day_its_notice_took_effect(
    event_id: str, document: str, confidence: str
):
    event = next(e for e in get_pathway_registry().timeline.file.events if e.id == event_id)
    notice = next(s for s in event.sources if getattr(s.authority, "document", None) == document)
    assert notice.confidence == confidence
    assert notice.authority.published_on == event.announced_on == event.effective_on
    assert ("effective_on", event.effective_on) in _stated(event)
