"""A TPS holder whose grant has ended keeps TPS while their own designation stays in force."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifeline.pathways.answers import Window
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.options.tps_holder import tps_holder
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft
from lifeline.programs.sources import Source
from lifeline.programs.timeline import SubjectState, TimelineEvent


@dataclass(frozen=True)
class Kept:
    """TPS under a designation after the person's grant under it ended: to the day an announced
    termination takes effect, or for as long as a court order keeps the termination back."""

    country: str
    grant_ended: dt.date
    until: dt.date | None
    blocked_by: TimelineEvent | None


def kept_on(state: Check) -> list[Kept]:
    """Every TPS the person kept after their grant ended, on the date or up to it (see `kept`)."""
    timeline = state.registry.timeline
    countries = dict.fromkeys(t.country for t in state.request.tps)
    found = [
        kept(state, timeline.state_on(subject, state.as_of), country)
        for country in countries
        for subject in state.registry.timeline.tps_subjects(country)
    ]
    return [k for k in found if k is not None]


def kept(state: Check, subject: SubjectState, country: str) -> Kept | None:
    """The TPS kept under `subject`'s designation by a holder whose grant under it ended before
    the date (to a termination that has taken effect since, too); None when no grant under it
    has ended, or the designation lapsed without one."""
    ended = [on for on in grants_under(state, subject.subject, country) if on < state.as_of]
    if not ended or not subject.known or subject.status in ("expired", "not_on_file"):
        return None
    if subject.status == "terminated":  # kept until the termination took effect, then lost
        assert subject.termination is not None
        over = subject.termination.effective_on
        return Kept(country, ended[-1], over, None) if over > ended[-1] else None
    termination = subject.announced_termination
    if termination is not None:
        return Kept(country, ended[-1], termination.effective_on, None)
    if subject.termination_blocked_by is not None:
        return Kept(country, ended[-1], None, subject.termination_blocked_by)
    return None


def grants_under(state: Check, subject: str, country: str) -> list[dt.date]:
    """The last days of the person's TPS grants for `country` that end with a period of
    `subject`'s designation (its first period or an extension): the grants it gave."""
    ends = {
        event.ends_on
        for event in state.registry.timeline.events_of(subject)
        if event.effect in ("designate", "extend")
    }
    return sorted(
        t.until_on for t in state.request.tps if t.country == country and t.until_on in ends
    )


def kept_holder(
    option: OptionPolicy,
    state: Check,
    subject: SubjectState,
    country: str,
    lines: list[str],
    sources: list[Source],
) -> Draft | None:
    """The answer for a holder whose grant under this designation ended before the date while
    the designation is still in force; None for anyone else. A termination ends the status of
    the designation's holders only when it takes effect (90 FR 43225: "After November 7, 2025,
    nationals of Venezuela ... who have been granted Temporary Protected Status under
    Venezuela's 2021 designation will no longer have Temporary Protected Status.")."""
    ended = [on for on in grants_under(state, subject.subject, country) if on < state.as_of]
    if not ended:
        return None
    grant_ended = ended[-1]
    held = kept(state, subject, country)
    if held is not None and held.until is not None:
        return Draft(
            "not_yet",
            f"Your TPS grant ran to {grant_ended}, but you keep TPS under this designation until its termination takes effect on {held.until}; after that day you no longer have TPS.",
            window=Window(closes_on=held.until, legal_rule=option.legal_rule),
            lines=lines,
            sources=sources,
            fee_kinds=[],
        )
    if held is not None:
        return Draft(
            "needs_legal_review",
            f"Your TPS grant ran to {grant_ended}; a court order keeps this designation's termination from taking effect, so whether you still hold TPS depends on that order. "
            + LEGAL_REVIEW,
            lines=lines,
            sources=sources,
            fee_kinds=[],
        )
    return tps_holder(option, state, subject.subject, country, grant_ended, lines, sources)
