"""A TPS holder's answer: the re-registration period of the extension that continues the status."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt

from lifeline.pathways.answers import OptionStatus, Window
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft
from lifeline.programs.sources import Source
from lifeline.programs.timeline import TimelineEvent

_REREGISTER = "A holder keeps TPS by re-registering in each period DHS announces (8 CFR 244.17), not by initial or late registration; a re-registrant does not pay the first-time Form I-821 fee."


def tps_holder(
    option: OptionPolicy,
    state: Check,
    subject: str,
    country: str,
    held_until: dt.date,
    lines: list[str],
    sources: list[Source],
) -> Draft:
    """Re-register in the period of the latest extension announced by the date that runs past
    the TPS held; once a later TPS period is on record, the holder has re-registered."""
    on = state.as_of
    extension = _continuing_extension(state, subject, held_until)
    if extension is None or extension.reregistration is None:
        return Draft(
            "not_yet",
            f"You hold TPS until {held_until}. " + _REREGISTER,
            lines=lines,
            sources=sources,
            fee_kinds=[],
        )
    period = extension.reregistration
    sources = [*sources, period.source]
    renewed = state.request.tps_held_until(extension.effective_on, country)
    steps = [
        f"You hold TPS until {held_until}; the extension from {extension.effective_on} to {extension.ends_on} has a re-registration period from {period.opens_on} to {period.closes_on}."
    ]
    window = Window(
        opens_on=period.opens_on,
        closes_on=period.closes_on,
        safe_on=period.closes_on,
        legal_rule=option.legal_rule,
        computation=steps,
    )
    filed = [
        f.filed_on
        for f in state.request.filings
        if f.form == "i821" and period.opens_on <= f.filed_on <= on
    ]
    if renewed is not None or filed:
        done = (
            f"re-registered for the extension, until {renewed}"
            if renewed is not None
            else f"with your re-registration filed on {filed[-1]}, while it is decided"
        )
        return Draft(
            "not_yet",
            f"You hold TPS until {held_until} and, {done}. " + _REREGISTER,
            lines=lines,
            sources=sources,
            window=Window(legal_rule=option.legal_rule, computation=steps),
            fee_kinds=[],
        )
    status: OptionStatus
    if on < period.opens_on:
        status, summary = (
            "not_yet",
            f"Re-register for TPS from {period.opens_on} to {period.closes_on}.",
        )
    elif on <= period.closes_on:
        status, summary = (
            "may_apply",
            f"Re-register for TPS by {period.closes_on} to keep it after {held_until}.",
        )
    else:
        status = "needs_legal_review"
        summary = (
            f"The re-registration period closed on {period.closes_on} and no re-registration is on record. "
            "A late re-registration may be accepted only in some cases. " + LEGAL_REVIEW
        )
    return Draft(
        status,
        summary,
        window=window,
        lines=lines,
        sources=sources,
        fee_kinds=[],
    )


def _continuing_extension(state: Check, subject: str, held_until: dt.date) -> TimelineEvent | None:
    """The latest designation or extension announced by the date that ends after the TPS held."""
    on = state.as_of
    announced = [
        event
        for event in state.registry.timeline.events_of(subject)
        if event.effect in ("designate", "extend")
        and event.known_on(on)
        and event.ends_on is not None
        and event.ends_on > held_until
        and state.registry.timeline.blocking_order(event.id, on) is None
    ]
    return max(announced, key=lambda event: event.effective_on, default=None)
