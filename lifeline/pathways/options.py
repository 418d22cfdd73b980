"""The deadline computation of each option, from the request's dated facts and the timeline."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from lifeline.core.errors import DomainError
from lifeline.parole.terms import reparole_timing
from lifeline.pathways.answers import OptionStatus, Window
from lifeline.pathways.documents import Filing, PathwayRequest
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft, days_after, to_legal_review, years_after
from lifeline.programs.sources import Source
from lifeline.programs.timeline import SubjectState, TimelineEvent

_LEGAL_REVIEW = "Speak to an accredited representative before relying on this date."


def asylum(option: OptionPolicy, state: Check) -> Draft:
    request, on, parole = state.request, state.as_of, state.parole
    filed = _standing_asylum_filing(request, on)
    if filed is not None:
        return _asylum_filed(option, state, filed)
    last = request.last_arrival()
    if last is None:
        return Draft(
            "needs_information", "The date of your last arrival is needed.", missing=["arrivals"]
        )
    one_year = years_after(last.on, 1)
    steps = [f"Last arrival {last.on}; one year later is {one_year} (8 CFR 208.4(a)(2))."]
    held = _status_held_through(_statuses(state), one_year)
    safe = max(one_year, held[-1].ends_on) if held else one_year
    if held:
        steps.append(
            " ".join(f"{s.label} from {s.from_on} to {s.ends_on}." for s in held)
            + " Status held during that year is an exception under 8 CFR 208.4(a)(5)(iv) "
            "(Temporary Protected Status, lawful status or parole) if you file within a "
            "reasonable period after it ends; the safe date is the later of the one-year date "
            "and the day it ends."
        )
    window = Window(
        closes_on=one_year, safe_on=safe, legal_rule=option.legal_rule, computation=steps
    )
    lines = list(parole.lines)
    if any(s.is_parole for s in held) and not parole.known:
        return Draft(
            "needs_legal_review", parole.reason, window=window, lines=lines, sources=parole.sources
        )
    if on <= safe:
        summary = f"File by {safe} to be safe." + (
            f" The one-year date is {one_year}; {held[-1].label} keeps the exception open until it ends."
            if held
            else ""
        )
        return Draft(
            "may_apply",
            summary,
            window=window,
            lines=lines,
            sources=parole.sources,
            steps=["Prepare Form I-589 with an accredited representative."],
        )
    if held:
        return Draft(
            "needs_legal_review",
            f"{held[-1].label} ended on {safe}. A filing within a reasonable period after that may "
            "still be timely; the law fixes no length for that period. " + _LEGAL_REVIEW,
            window=window,
            lines=lines,
            sources=parole.sources,
        )
    return Draft(
        "deadline_passed",
        f"The one-year date {one_year} has passed. Exceptions for changed or extraordinary "
        "circumstances are decided case by case. " + _LEGAL_REVIEW,
        window=window,
        lines=lines,
    )


@dataclass(frozen=True)
class _Held:
    label: str
    from_on: dt.date
    ends_on: dt.date
    is_parole: bool = False


def _statuses(state: Check) -> list[_Held]:
    """Parole (as the timeline leaves it) and the TPS periods on the request."""
    parole = state.parole
    held = (
        [_Held("Parole", parole.from_on, parole.ends_on, is_parole=True)]
        if parole.from_on and parole.ends_on
        else []
    )
    return held + [
        _Held(f"Temporary Protected Status ({tps.country})", tps.from_on, tps.until_on)
        for tps in state.request.tps
    ]


def _status_held_through(statuses: list[_Held], one_year: dt.date) -> list[_Held]:
    """The statuses held at the one-year date and after it, each starting by the day after the
    previous one ends (a continuous chain), latest end last; empty when none outlasts it."""
    chain = [s for s in statuses if s.from_on <= one_year < s.ends_on]
    if not chain:
        return []
    chain = [max(chain, key=lambda s: s.ends_on)]
    while True:
        end = chain[-1].ends_on
        later = [s for s in statuses if s.from_on <= days_after(end, 1) and s.ends_on > end]
        if not later:
            return chain
        chain.append(max(later, key=lambda s: s.ends_on))


def _standing_asylum_filing(request: PathwayRequest, on: dt.date) -> Filing | None:
    """The latest I-589 filed by `on`, unless it was rejected or withdrawn by then (the
    one-year count then goes on as if none were filed)."""
    latest = max(
        (f for f in request.filings if f.form == "i589" and f.filed_on <= on),
        key=lambda f: f.filed_on,
        default=None,
    )
    if latest is None or (latest.outcome in ("rejected", "withdrawn") and _decided_by(latest, on)):
        return None
    return latest


def _decided_by(filing: Filing, on: dt.date) -> bool:
    """Whether the filing's decision is known as of `on` (an undated decision counts)."""
    return filing.outcome != "pending" and (filing.decided_on is None or filing.decided_on <= on)


def _asylum_filed(option: OptionPolicy, state: Check, filed: Filing) -> Draft:
    """A filed application: the annual fee falls due on each anniversary while it is pending;
    none once it is decided, and a denial needs a representative."""
    steps = [f"Form I-589 filed on {filed.filed_on}."]
    if _decided_by(filed, state.as_of):
        decided = f" on {filed.decided_on}" if filed.decided_on else ""
        if filed.outcome == "unknown":
            return Draft(
                "needs_information",
                f"Your asylum application was decided{decided}; how it was decided is needed.",
                missing=["filings.outcome"],
            )
        if filed.outcome == "denied":
            return Draft(
                "needs_legal_review",
                f"Your asylum application was denied{decided}. What can still be done depends on "
                "how the case went on (for example a referral to an immigration judge). "
                + _LEGAL_REVIEW,
            )
        return Draft(
            "not_available",
            f"Your asylum application was granted{decided}. The annual asylum fee is owed only "
            "while an application is pending.",
            window=Window(legal_rule=option.legal_rule, computation=steps),
        )
    after = dt.date.fromisoformat(option.params["annual_fee_filed_after"])
    due = None
    if filed.filed_on > after:
        years = 1
        due = years_after(filed.filed_on, years)
        while due < state.as_of:
            years += 1
            due = years_after(filed.filed_on, years)
        steps.append(
            f"Filed after {after}: the annual asylum fee falls due on each anniversary while the "
            f"application is pending; the next is {due}."
        )
    window = Window(closes_on=due, safe_on=due, legal_rule=option.legal_rule, computation=steps)
    return Draft(
        "may_apply",
        "Your asylum application is filed. "
        + (f"Pay the annual asylum fee by {due}." if due else ""),
        window=window,
        fee_on=due,
        fee_kinds=["annual_asylum_fee"] if due else [],
        steps=["Pay the annual asylum fee when USCIS sends the notice; it is paid online."]
        if due
        else [],
    )


def tps(option: OptionPolicy, state: Check) -> Draft:
    timeline = state.registry.timeline
    drafts = []
    for country in state.request.person.citizenships:
        subjects = [
            s
            for s in timeline.subjects(f"tps:{country.lower()}")
            if s == f"tps:{country.lower()}" or s.startswith(f"tps:{country.lower()}_")
        ]
        if not subjects:
            if state.as_of > timeline.file.checked_on:
                drafts.append(
                    Draft(
                        "needs_legal_review",
                        f"unknown: check current status. No TPS designation for {country} was on file when the list was last checked ({timeline.file.checked_on}).",
                    )
                )
            else:
                drafts.append(
                    Draft("not_available", f"No TPS designation for {country} is on file.")
                )
            continue
        drafts += [
            _tps_subject(option, state, timeline.state_on(subject, state.as_of), country)
            for subject in subjects
        ]
    return min(drafts, key=lambda d: _rank(d.status))


def _tps_subject(option: OptionPolicy, state: Check, subject: SubjectState, country: str) -> Draft:
    """The designation's answer; one that rests on a detail not read in a primary text says
    what it is and needs legal review instead (as the engine does for unverified sources)."""
    draft = _tps_designation(option, state, subject, country)
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
        return Draft("needs_legal_review", subject.explanation, lines=lines, sources=sources)
    if subject.status in ("terminated", "expired", "not_on_file") or subject.designation is None:
        return Draft(
            "not_available",
            f"TPS for this country is {subject.status} on {state.as_of}.",
            lines=lines,
            sources=sources,
        )
    if subject.termination_blocked_by is not None:
        lines.append(f"In force because of a court order: {subject.termination_blocked_by.summary}")
    held_until = state.request.tps_held_until(state.as_of, country)
    if held_until is not None:
        return _tps_holder(held_until, lines, sources)
    designation = subject.designation
    first = state.request.first_arrival()
    if first is None:
        return Draft(
            "needs_information",
            "Your first arrival date is needed.",
            missing=["arrivals"],
            lines=lines,
            sources=sources,
        )
    cr, cpp = designation.continuous_residence_since, designation.continuous_presence_since
    steps = [
        f"Continuous residence required since {cr}; continuous presence since {cpp}; you arrived on {first.on}."
    ]
    if cr is None or first.on > cr:
        return Draft(
            "not_available",
            f"You arrived on {first.on}, after the continuous-residence date {cr}.",
            lines=lines,
            sources=sources,
            window=Window(legal_rule=option.legal_rule, computation=steps),
        )
    trips = [d.on for d in state.request.departures if cpp and d.on >= cpp]
    if trips:
        return Draft(
            "needs_legal_review",
            f"A departure on {trips[0]} after {cpp} may break continuous presence unless brief, casual and innocent. "
            + _LEGAL_REVIEW,
            lines=lines,
            sources=sources,
        )
    closes = subject.registration_closes_on
    if closes is None:
        return Draft(
            "needs_legal_review",
            "The registration window for this designation is not on file.",
            lines=lines,
            sources=sources,
        )
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
            lines=lines,
            sources=sources,
        )
    late = _tps_late_registration(option, state, designation, closes, steps)
    if late is not None:
        return replace(late, lines=lines, sources=sources)
    return Draft(
        "deadline_passed",
        f"Initial registration closed on {closes}.",
        window=Window(closes_on=closes, legal_rule=option.legal_rule, computation=steps),
        lines=lines,
        sources=sources,
    )


def _tps_holder(held_until: dt.date, lines: list[str], sources: list[Source]) -> Draft:
    """A holder keeps TPS by re-registering, not by registering again."""
    return Draft(
        "not_yet",
        f"You hold TPS until {held_until}. A holder keeps it by re-registering in each period "
        "DHS announces (8 CFR 244.17), not by initial or late registration; a re-registrant "
        "does not pay the first-time Form I-821 fee.",
        lines=lines,
        sources=sources,
        fee_kinds=["i821_filing"],
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
    late = days_after(parole.ends_on, option.params["late_registration_days"])
    steps.append(
        f"You were a parolee during initial registration (8 CFR 244.2(f)(2)(iii)); late registration within {option.params['late_registration_days']} days after parole ends on {parole.ends_on}: {late}."
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
        f"Late registration may be possible until {late}; the 60-day period (8 CFR 244.2(g)) was not checked against its text. "
        + _LEGAL_REVIEW,
        window=window,
    )


def cuban_adjustment(option: OptionPolicy, state: Check) -> Draft:
    request = state.request
    paroled = [a.on for a in request.arrivals if a.document in ("parole", "visa")] + [
        p.from_on for p in request.parole
    ]
    if not paroled:
        if any(a.document == "i220a" for a in request.arrivals):
            return Draft(
                "needs_legal_review",
                "A release on Form I-220A is not parole under Matter of Cabrera-Fernandez, 28 I&N Dec. 747 (BIA 2023); the question is still litigated. "
                + _LEGAL_REVIEW,
            )
        return Draft(
            "needs_information",
            "How you entered (parole, visa or I-220A release) and when is needed.",
            missing=["arrivals"],
        )
    since = min(paroled)
    opens = years_after(since, option.params["presence_years"])
    steps = [
        f"Paroled or admitted on {since}; one year of physical presence is reached on {opens}."
    ]
    window = Window(opens_on=opens, legal_rule=option.legal_rule, computation=steps)
    trips = [d.on for d in request.departures if since <= d.on < opens]
    if trips:
        return Draft(
            "needs_legal_review",
            f"A trip abroad on {trips[0]} falls within the year of presence. " + _LEGAL_REVIEW,
            window=window,
        )
    if state.as_of < opens:
        return Draft("not_yet", f"You may apply from {opens}.", window=window)
    return Draft(
        "may_apply",
        f"You may apply now (one year of presence reached on {opens}); parole does not need to be still valid.",
        window=window,
        steps=["Prepare Form I-485 with an accredited representative."],
    )


def afghan_special_immigrant(option: OptionPolicy, state: Check) -> Draft:
    request, timeline = state.request, state.registry.timeline
    program = timeline.state_on("program:afghan_siv", state.as_of)
    lines = [event.summary for event in program.applied]
    sources = [source for event in program.applied for source in event.sources]
    approved = request.fact("afghan_chief_of_mission_approval")
    classified = request.fact("afghan_special_immigrant_classification_approved")
    if approved == "yes" and classified == "yes":
        return Draft(
            "may_apply",
            "With Chief of Mission approval and an approved classification you may apply to adjust when a visa number is available.",
            lines=lines,
            sources=sources,
        )
    closing = [e for e in timeline.events_of("program:afghan_siv") if e.effect in ("close", "note")]
    close = next((e for e in closing if e.effect == "close"), None)
    last_day = days_after(close.effective_on, -1) if close else None
    dates = [
        f"{event.summary} ({event.needs_legal_review})"
        if event.needs_legal_review
        else event.summary
        for event in closing
    ]
    window = Window(closes_on=last_day, legal_rule=option.legal_rule, computation=dates)
    closing_sources = [source for event in closing for source in event.sources]
    if (
        approved == "no"
        and request.fact("afghan_chief_of_mission_application_filed") == "no"
        and program.status == "closed"
    ):
        return Draft(
            "deadline_passed",
            f"New Chief of Mission applications closed after {last_day}.",
            lines=lines,
            sources=closing_sources,
            window=window,
        )
    missing = [
        f"facts.{name}"
        for name, value in (
            ("afghan_chief_of_mission_approval", approved),
            ("afghan_special_immigrant_classification_approved", classified),
        )
        if value == "unknown"
    ]
    if missing:
        deadline = (
            f" Without Chief of Mission approval, the application for it had to be made by {last_day}."
            if last_day
            else ""
        )
        return Draft(
            "needs_information",
            "Whether you have Chief of Mission approval and an approved classification is needed."
            + deadline,
            missing=missing,
            lines=lines,
            sources=closing_sources,
            window=window,
        )
    return Draft("not_yet", "Classification is still pending.", lines=lines, sources=sources)


def family_adjustment(option: OptionPolicy, state: Check) -> Draft:
    petition = state.request.petition
    assert petition is not None  # the gate requires it
    parole = state.parole
    if petition.category == "IR":
        return Draft(
            "may_apply",
            "As an immediate relative of a U.S. citizen you may apply; the lawful-status requirement does not apply to you.",
            window=Window(legal_rule=option.legal_rule),
        )
    if petition.approved != "yes":
        if petition.approved == "no":
            return Draft("not_yet", "The petition must be approved first.")
        return Draft(
            "needs_information",
            "Whether the petition is approved is needed.",
            missing=["petition.approved"],
        )
    if petition.priority_date is None:
        return Draft(
            "needs_information", "The priority date is needed.", missing=["petition.priority_date"]
        )
    bulletin = state.registry.bulletin
    month = bulletin.month(state.as_of)
    if month is None:
        return Draft(
            "needs_legal_review",
            f"Lifeline holds the Visa Bulletin's family final action dates only for {bulletin.months_on_file()}; "
            f"for {state.as_of:%Y-%m} check the month's bulletin (travel.state.gov) before relying on an answer.",
            sources=[m.source for m in bulletin.months],
        )
    charge = petition.chargeability or (state.request.person.citizenships or ["ALL"])[0]
    dates = month.dates.get(petition.category, {})
    key = charge if charge in dates else "ALL"
    cutoff = dates.get(key)
    steps = [
        f"Priority date {petition.priority_date}; {month.month} final action date for {petition.category} ({key}): {cutoff or 'current'}."
    ]
    current = cutoff is None or petition.priority_date < cutoff
    if not current:
        return Draft(
            "not_yet",
            "Your priority date is not current this month.",
            window=Window(legal_rule=option.legal_rule, computation=steps),
            sources=[month.source],
        )
    if not parole.known:
        return Draft(
            "needs_legal_review",
            "Your priority date is current; whether parole is still in force to file under is not known. "
            + parole.reason,
            window=Window(legal_rule=option.legal_rule, computation=steps),
            sources=[month.source, *parole.sources],
            lines=list(parole.lines),
        )
    if not parole.in_force_on(state.as_of):
        return Draft(
            "needs_legal_review",
            "Your priority date is current but parole is not in force: the lawful-status requirement may bar adjustment. "
            + _LEGAL_REVIEW,
            sources=[month.source, *parole.sources],
        )
    steps.append(f"File while parole lasts: it ends on {parole.ends_on}.")
    return Draft(
        "may_apply",
        f"Your priority date is current; file Form I-485 before parole ends on {parole.ends_on}.",
        window=Window(
            closes_on=parole.ends_on,
            safe_on=parole.ends_on,
            legal_rule=option.legal_rule,
            computation=steps,
        ),
        sources=[month.source, *parole.sources],
        lines=list(parole.lines),
    )


def reparole(option: OptionPolicy, state: Check) -> Draft:
    parole = state.parole
    if parole.program is None or parole.ends_on is None:
        return Draft("needs_information", "Your parole dates are needed.", missing=["parole"])
    if not parole.known:
        return Draft(
            "needs_legal_review", parole.reason, lines=parole.lines, sources=parole.sources
        )
    try:
        timing = reparole_timing(
            state.programs, program=parole.program, ends_on=parole.ends_on, on=state.as_of
        )
    except DomainError as error:
        return Draft("needs_legal_review", f"{error}")
    if timing is None:
        return Draft(
            "not_available",
            f"The {parole.program} program does not accept re-parole on {state.as_of}.",
            lines=parole.lines,
            sources=parole.sources,
        )
    opens, advised_by = timing.opens_on, timing.advised_by
    steps = [
        f"The {parole.program} program accepts re-parole from {opens}, before parole ends on {parole.ends_on}."
    ]
    if advised_by is not None:
        steps.append(f"Its text advises filing by {advised_by}.")
    window = Window(
        opens_on=opens,
        closes_on=parole.ends_on,
        safe_on=advised_by or parole.ends_on,
        legal_rule=option.legal_rule,
        computation=steps,
    )
    if state.as_of < opens:
        return Draft(
            "not_yet",
            f"You may ask for re-parole from {opens}.",
            window=window,
            lines=parole.lines,
            fee_on=opens,
        )
    if state.as_of > parole.ends_on:
        return Draft(
            "deadline_passed",
            f"Parole ended on {parole.ends_on}.",
            window=window,
            lines=parole.lines,
        )
    advice = (
        f" Filing by {advised_by} is advised."
        if advised_by is not None and state.as_of <= advised_by
        else ""
    )
    return Draft(
        "may_apply",
        f"Ask for re-parole before {parole.ends_on}.{advice}",
        window=window,
        lines=parole.lines,
    )


def employment_authorization(option: OptionPolicy, state: Check) -> Draft:
    parole, on, params = state.parole, state.as_of, option.params
    if not parole.known:
        return Draft("needs_legal_review", parole.reason, lines=parole.lines)
    if not parole.in_force_on(on):
        other = _other_work_permits(option, state)
        if other is not None:
            return other
        return Draft(
            "not_available",
            "Parole is not in force on this date, so a (c)(11) work permit cannot be asked for.",
            lines=parole.lines,
        )
    cap_from = dt.date.fromisoformat(params["validity_cap_from"])
    permits = [p for p in state.request.work_permits if p.category == "c11"]
    current = max(permits, key=lambda p: p.valid_until, default=None)
    assert parole.ends_on is not None
    if current is not None and current.valid_until >= on:
        opens = days_after(current.valid_until, -params["renewal_days_before"])
        steps = [
            f"Card valid until {current.valid_until}; renewal may be filed from {opens}.",
            f"Renewals filed from {params['no_auto_extension_from']} do not extend the card: stop work when it expires.",
        ]
        window = Window(
            opens_on=opens,
            closes_on=current.valid_until,
            safe_on=current.valid_until,
            legal_rule=option.legal_rule,
            computation=steps,
        )
        status: OptionStatus = "not_yet" if on < opens else "may_apply"
        return Draft(
            status,
            f"Renew from {opens}; your card expires on {current.valid_until}.",
            window=window,
            fee_kinds=["i765_filing", "i765_parole_renewal"],
            fee_on=max(on, opens),
        )
    validity = min(years_after(on, 1), parole.ends_on) if on >= cap_from else parole.ends_on
    steps = [
        f"A permit asked for on {on} would last until about {validity} (one year or the end of parole on {parole.ends_on}, whichever is shorter)."
    ]
    return Draft(
        "may_apply",
        f"You may ask for a work permit while parole lasts (until {parole.ends_on}).",
        window=Window(closes_on=parole.ends_on, legal_rule=option.legal_rule, computation=steps),
        fee_kinds=["i765_filing", "i765_parole_initial"],
    )


def _other_work_permits(option: OptionPolicy, state: Check) -> Draft | None:
    """Once parole is over, the work permit a person may hold on another basis: category
    (a)(12) with TPS held on the date, or (c)(8) with an asylum application pending, from the
    waiting period after filing (8 CFR 208.7(a)(1)). The fees of these categories are not on
    file, so none is quoted."""
    on = state.as_of
    tps_until = state.request.tps_held_until(on)
    if tps_until is not None:
        return Draft(
            "may_apply",
            f"Parole is over, but you hold TPS until {tps_until}: the work permit is category "
            "(a)(12), asked for with your TPS registration or re-registration.",
            window=Window(closes_on=tps_until, legal_rule=option.legal_rule),
            fee_kinds=[],
        )
    asylum = _standing_asylum_filing(state.request, on)
    if asylum is None or _decided_by(asylum, on):
        return None
    wait = option.params["asylum_wait_days"]
    opens = days_after(asylum.filed_on, wait)
    steps = [
        f"Form I-589 filed on {asylum.filed_on} and pending; a (c)(8) work permit may be asked "
        f"for {wait} days later, on {opens} (8 CFR 208.7(a)(1)), unless a delay you asked for "
        "stopped the count."
    ]
    return Draft(
        "not_yet" if on < opens else "may_apply",
        f"Parole is over, but your asylum application is pending: ask for a (c)(8) work permit from {opens}.",
        window=Window(opens_on=opens, legal_rule=option.legal_rule, computation=steps),
        fee_kinds=[],
    )


def _rank(status: str) -> int:
    order = [
        "may_apply",
        "needs_legal_review",
        "not_yet",
        "needs_information",
        "deadline_passed",
        "not_available",
    ]
    return order.index(status)


COMPUTE: dict[str, Callable[[OptionPolicy, Check], Draft]] = {
    "asylum": asylum,
    "tps": tps,
    "cuban_adjustment": cuban_adjustment,
    "afghan_special_immigrant": afghan_special_immigrant,
    "family_adjustment": family_adjustment,
    "reparole": reparole,
    "employment_authorization": employment_authorization,
}
