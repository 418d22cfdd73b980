"""The TPS option: initial, late and re-registration for each designation of the person's country."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lifeline.pathways.answers import OptionStatus, Window
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.options.tps_court import unsure_orders
from lifeline.pathways.options.tps_holder import tps_holder
from lifeline.pathways.options.tps_kept import grants_under, kept_holder
from lifeline.pathways.options.tps_residence import absence_review, stay_since
from lifeline.pathways.policy import OptionPolicy, TpsParams
from lifeline.pathways.state import Check, Draft, days_after, to_legal_review
from lifeline.programs.timeline import SubjectState, TimelineEvent

# Of a person's designations, the answer shown is the first in this order.
_PREFERENCE: tuple[OptionStatus, ...] = (
    "may_apply",
    "needs_legal_review",
    "not_yet",
    "needs_information",
    "deadline_passed",
    "not_available",
)


def tps(option: OptionPolicy, state: Check) -> Draft:
    timeline = state.registry.timeline
    drafts = []
    for country in state.request.person.citizenships:
        subjects = timeline.tps_subjects(country)
        if not subjects:
            drafts.append(_untracked(state, country))
            continue
        # A holder's status follows the designation that granted it, not another one.
        held = [s for s in subjects if grants_under(state, s, country)]
        answers = [
            _tps_subject(option, state, timeline.state_on(subject, state.as_of), country)
            for subject in held or subjects
        ]
        # Whatever its status, the answer to a holder of the designation names no first-time fee.
        drafts += [replace(d, fee_kinds=d.fee_kinds or []) if held else d for d in answers]
    return _first_time_fee(state, min(drafts, key=lambda d: _PREFERENCE.index(d.status)))


def _untracked(state: Check, country: str) -> Draft:
    """A country whose TPS the timeline does not track: it may have a designation in force that
    is not modelled here, so the answer says where to check instead of "not available"."""
    untracked = state.registry.timeline.file.untracked_tps
    return Draft(
        "needs_legal_review",
        f"Lifeline does not track TPS for {country}, so it cannot say whether a designation is in force on {state.as_of}. "
        + (untracked.where_to_check if untracked is not None else LEGAL_REVIEW),
        sources=list(untracked.sources) if untracked is not None else [],
    )


def _first_time_fee(state: Check, draft: Draft) -> Draft:
    """A first-time registrant pays one Form I-821 fee: the $50 of 8 CFR 106.2 until H.R. 1's
    fee is charged, then that fee alone (sec. 100006 strikes "$50" and inserts "$500" in
    8 U.S.C. 1254a(c)(1)(B)); a holder's answer names its own fee."""
    if draft.fee_kinds is not None:
        return draft
    statutory = state.registry.fees.on("i821_filing", draft.fee_on or state.as_of)
    return replace(draft, fee_kinds=["i821_filing" if statutory else "i821_base_filing"])


def _tps_subject(option: OptionPolicy, state: Check, subject: SubjectState, country: str) -> Draft:
    """The designation's answer; one that rests on a detail not read in a primary text says
    what it is and needs legal review instead (as the engine does for unverified sources)."""
    draft = unsure_orders(
        state.registry.timeline, subject, _tps_designation(option, state, subject, country)
    )
    unread = list(dict.fromkeys(subject.unread_details)) if subject.known else []
    if unread:
        return to_legal_review(draft, " ".join(unread), summary="Needs legal review: " + unread[0])
    return draft


def _tps_designation(
    option: OptionPolicy, state: Check, subject: SubjectState, country: str
) -> Draft:
    """The answer for one designation of the person's `country`: a holder re-registers; anyone
    else registers in the initial window, or late when parole covered it."""
    sources = [source for event in subject.applied for source in event.sources]
    lines = [event.summary for event in subject.applied]
    if subject.announced_termination is not None:
        lines.append(f"Announced: {subject.announced_termination.summary}")
        sources += subject.announced_termination.sources
    if not subject.known:
        return Draft(
            "needs_legal_review",
            f"unknown: check current status. TPS for {country} was last checked on {subject.last_checked_on}, before {state.as_of}.",
            lines=lines,
            sources=sources,
        )
    if subject.status in ("terminated", "expired"):
        return Draft("not_available", _ended(subject), lines=lines, sources=sources)
    if subject.termination_blocked_by is not None:
        lines.append(f"In force because of a court order: {subject.termination_blocked_by.summary}")
    held_until = state.request.tps_held_until(state.as_of, country)
    if held_until is not None:
        return tps_holder(option, state, subject.subject, country, held_until, lines, sources)
    kept = kept_holder(option, state, subject, country, lines, sources)
    if kept is not None:
        return kept
    return replace(_initial_registration(option, state, subject), lines=lines, sources=sources)


def _initial_registration(option: OptionPolicy, state: Check, subject: SubjectState) -> Draft:
    """Registration for one who does not hold TPS: the designation open to registration, then
    continuous residence and presence since its dates (without the designation's lines)."""
    designation, closes = _open_registration(state, subject)
    if designation is None:
        return Draft(
            "not_available",
            f"No designation of this country is in force or open to registration on {state.as_of}.",
        )
    cr, cpp = designation.continuous_residence_since, designation.continuous_presence_since
    if cr is None:
        return Draft(
            "needs_legal_review",
            "The continuous-residence date of this designation is not on file.",
        )
    stay = stay_since(state.request, state.as_of, cr)
    if isinstance(stay, Draft):
        return stay
    steps = [
        f"Continuous residence required since {cr}; continuous presence since {cpp}; your stay runs from your arrival on {stay.since}."
    ]
    absent = absence_review(stay, cr)
    if absent is not None:
        return absent
    trips = [d.on for d in state.request.departures if cpp and d.on >= cpp]
    if trips:
        return Draft(
            "needs_legal_review",
            f"A departure on {trips[0]} after {cpp} may break continuous presence unless brief, casual and innocent. "
            + LEGAL_REVIEW,
        )
    if closes is None:
        return Draft(
            "needs_legal_review", "The registration window for this designation is not on file."
        )
    return _registration_window(option, state, designation, closes, steps)


def _ended(subject: SubjectState) -> str:
    """In words, how the designation came to be out of force on the date: the day its
    termination took effect, or the last day of its last period."""
    if subject.status == "terminated" and subject.termination is not None:
        return (
            f"TPS for this country was terminated effective {subject.termination.effective_on}; "
            f"the designation is not in force on {subject.on}."
        )
    if subject.status == "terminated":
        return f"The TPS designation of this country was terminated and is not in force on {subject.on}."
    return f"The TPS designation of this country was set to end on {subject.ends_on}, and no extension of it is on file as of {subject.on}."


def _open_registration(
    state: Check, subject: SubjectState
) -> tuple[TimelineEvent | None, dt.date | None]:
    """The designation in force and its registration close; before a designation takes effect,
    the announced one whose initial registration has already opened (89 FR 54484: Haiti's
    registration opened on 1 Jul 2024 for a designation beginning on 4 Aug 2024)."""
    if subject.designation is not None:
        return subject.designation, subject.registration_closes_on
    opened = [
        event
        for event in state.registry.timeline.events_of(subject.subject)
        if event.effect == "designate"
        and event.effective_on > state.as_of
        and event.registration_opens_on is not None
        and event.registration_opens_on <= state.as_of
    ]
    first = min(opened, key=lambda event: event.effective_on, default=None)
    return first, first.registration_closes_on if first is not None else None


def _registration_window(
    option: OptionPolicy,
    state: Check,
    designation: TimelineEvent,
    closes: dt.date,
    steps: list[str],
) -> Draft:
    """Initial registration until `closes`, then late registration when parole covered the
    window, else the deadline has passed."""
    if state.as_of <= closes:
        steps.append(f"Initial registration closes on {closes}.")
        return Draft(
            "may_apply",
            f"Register for TPS by {closes}.",
            window=Window(
                opens_on=designation.registration_opens_on,
                closes_on=closes,
                safe_on=closes,
                legal_rule=option.legal_rule,
                computation=steps,
            ),
        )
    late = _tps_late_registration(option, state, designation, closes, steps)
    if late is not None:
        return late
    return Draft(
        "deadline_passed",
        f"Initial registration closed on {closes}.",
        window=Window(closes_on=closes, legal_rule=option.legal_rule, computation=steps),
    )


def _tps_late_registration(
    option: OptionPolicy,
    state: Check,
    designation: TimelineEvent,
    closes: dt.date,
    steps: list[str],
) -> Draft | None:
    """Late registration for a parolee during the initial registration window (8 CFR
    244.2(f)(2)(iii)); None when parole did not cover the window."""
    parole = state.parole
    if not (
        parole.from_on
        and parole.ends_on
        and parole.from_on <= closes
        and parole.ends_on >= (designation.registration_opens_on or closes)
    ):
        return None
    days = option.params_as(TpsParams).late_registration_days
    late = days_after(parole.ends_on, days)
    if late <= closes:
        # Parole ended early enough that its late period ran out inside initial registration.
        return None
    steps.append(
        f"You were a parolee during initial registration (8 CFR 244.2(f)(2)(iii)); late registration within {days} days after parole ends on {parole.ends_on}: {late}."
    )
    window = Window(
        opens_on=closes,
        closes_on=late,
        safe_on=parole.ends_on,
        legal_rule=option.legal_rule,
        computation=steps,
    )
    status: OptionStatus = "deadline_passed" if state.as_of > late else "needs_legal_review"
    return Draft(
        status,
        f"Late registration may be possible until {late}; the {days}-day period (8 CFR 244.2(g)) was not checked against its text. "
        + LEGAL_REVIEW,
        window=window,
    )
