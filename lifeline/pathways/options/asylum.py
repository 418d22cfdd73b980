"""The asylum option: the one-year date, its status exceptions, and the annual fee once filed."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from lifeline.core.business_days import next_business_day
from lifeline.pathways.answers import Window
from lifeline.pathways.documents import PathwayFiling, PathwayRequest
from lifeline.pathways.options.shared import LEGAL_REVIEW, no_arrival_by
from lifeline.pathways.options.tps_kept import kept_on
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft, days_after, to_legal_review, years_after
from lifeline.programs.timeline import TimelineEvent


def asylum(option: OptionPolicy, state: Check) -> Draft:
    filed = standing_asylum_filing(state.request, state.as_of)
    if filed is not None:
        return _asylum_filed(option, state, filed)
    draft = _one_year(option, state)
    birth = state.request.person.birth_date
    if birth is None or state.as_of >= years_after(birth, 18):
        return draft
    why = (
        "you are under 18: an unaccompanied child is exempt from the one-year deadline "
        "(INA 208(a)(2)(E)), and whether you are one (no lawful status, and no parent or legal "
        "guardian in the United States able to care for you) is not known."
    )
    if draft.status == "needs_legal_review":
        return replace(draft, lines=[*draft.lines, why[0].upper() + why[1:]])
    return to_legal_review(
        draft,
        why,
        summary="You are under 18: the one-year deadline may not apply to you. " + LEGAL_REVIEW,
    )


def _one_year(option: OptionPolicy, state: Check) -> Draft:
    """The one-year deadline from the last arrival, with the status exceptions."""
    request, on, parole = state.request, state.as_of, state.parole
    last = max((a for a in request.arrivals if a.on <= on), key=lambda a: a.on, default=None)
    if last is None:
        return Draft("needs_information", no_arrival_by(request, on), missing=["arrivals"])
    year_later = years_after(last.on, 1)
    one_year = next_business_day(year_later)
    steps = [f"Last arrival {last.on}; one year later is {year_later} (8 CFR 208.4(a)(2))."]
    if one_year != year_later:
        steps.append(
            f"{year_later} is a Saturday, Sunday or legal holiday: the period runs to the next "
            f"day that is none of these, {one_year} (8 CFR 208.4(a)(2)(ii))."
        )
    held = _status_held_in_year(_statuses(state), last.on, one_year)
    safe = max(one_year, held[-1].ends_on) if held else one_year
    if held:
        steps.append(
            " ".join(f"{s.label} from {s.from_on} to {s.ends_on}.{s.note}" for s in held)
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
    ordered = next((s.court_order for s in held if s.court_order is not None), None)
    if ordered is not None and on <= safe:
        return Draft(
            "needs_legal_review",
            f"{held[-1].label} is held on {on} only while a court order keeps its designation's termination from taking effect, so how long the exception stays open depends on that order. "
            + LEGAL_REVIEW,
            window=window,
            lines=lines,
            sources=[*parole.sources, *ordered.sources],
        )
    if on <= safe:
        summary = f"File by {safe} to be safe." + (
            f" The one-year date is {one_year}; {held[-1].label} keeps the exception open until it ends."
            if safe > one_year
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
            f"{held[-1].label} ended on {held[-1].ends_on}. A filing within a reasonable period after that may "
            "still be timely; the law fixes no length for that period. " + LEGAL_REVIEW,
            window=window,
            lines=lines,
            sources=parole.sources,
        )
    if last.document == "visa":
        return Draft(
            "needs_legal_review",
            f"The one-year date {one_year} has passed, but you arrived on a visa: nonimmigrant status held in that year is an exception (8 CFR 208.4(a)(5)(iv)) if you file within a reasonable period after it ended, and when it ended is not on record. "
            + LEGAL_REVIEW,
            window=window,
            lines=lines,
        )
    return Draft(
        "deadline_passed",
        f"The one-year date {one_year} has passed. Exceptions for changed or extraordinary "
        "circumstances are decided case by case. " + LEGAL_REVIEW,
        window=window,
        lines=lines,
    )


@dataclass(frozen=True)
class _Held:
    label: str
    from_on: dt.date
    ends_on: dt.date
    is_parole: bool = False
    note: str = ""
    court_order: TimelineEvent | None = None


def _statuses(state: Check) -> list[_Held]:
    """Parole (as the timeline leaves it) and the TPS periods on the request, a grant that
    ended before the date running on to the day an announced termination of its designation
    takes effect, as the TPS answer keeps it (ADR 0207)."""
    parole = state.parole
    held = (
        [_Held("Parole", parole.from_on, parole.ends_on, is_parole=True)]
        if parole.from_on and parole.ends_on
        else []
    )
    kept = {(k.country, k.grant_ended): k for k in kept_on(state)}
    for tps in state.request.tps:
        label = f"Temporary Protected Status ({tps.country})"
        k = kept.get((tps.country, tps.until_on))
        if k is not None and k.until is not None:
            note = f" Your grant ran to {tps.until_on}; you keep TPS until the designation's termination takes effect."
            held.append(_Held(label, tps.from_on, k.until, note=note))
        elif k is not None and k.blocked_by is not None:
            # Held on the date while a court order keeps the termination from taking effect;
            # how long after is the order's to say, so the date itself is the last day known.
            note = f" Your grant ran to {tps.until_on}; a court order keeps the designation's termination from taking effect on {state.as_of} ({k.blocked_by.summary})."
            held.append(_Held(label, tps.from_on, state.as_of, note=note, court_order=k.blocked_by))
        else:
            held.append(_Held(label, tps.from_on, tps.until_on))
    return held


def _status_held_in_year(statuses: list[_Held], arrived: dt.date, one_year: dt.date) -> list[_Held]:
    """The status held latest in the year from the last arrival to the one-year date, and those
    following it, each starting by the day after the previous one ends (a continuous chain),
    latest end last; empty when none was held in that year. 8 CFR 208.4(a)(5)(iv) asks only
    that the status was held "until a reasonable period before the filing", not on the
    one-year date."""
    chain = [s for s in statuses if s.from_on <= one_year and s.ends_on >= arrived]
    if not chain:
        return []
    chain = [max(chain, key=lambda s: s.ends_on)]
    while True:
        end = chain[-1].ends_on
        later = [s for s in statuses if s.from_on <= days_after(end, 1) and s.ends_on > end]
        if not later:
            return chain
        chain.append(max(later, key=lambda s: s.ends_on))


def standing_asylum_filing(request: PathwayRequest, on: dt.date) -> PathwayFiling | None:
    """The latest I-589 filed by `on`, unless it was rejected or withdrawn by then (the
    one-year count then goes on as if none were filed)."""
    latest = max(
        (f for f in request.filings if f.form == "i589" and f.filed_on <= on),
        key=lambda f: f.filed_on,
        default=None,
    )
    if latest is None or (latest.outcome in ("rejected", "withdrawn") and decided_by(latest, on)):
        return None
    return latest


def decided_by(filing: PathwayFiling, on: dt.date) -> bool:
    """Whether the filing's decision is known as of `on` (an undated decision counts)."""
    return filing.outcome != "pending" and (filing.decided_on is None or filing.decided_on <= on)


def _asylum_filed(option: OptionPolicy, state: Check, filed: PathwayFiling) -> Draft:
    """A filed application: the annual fee falls due on each anniversary while it is pending;
    none once it is decided, and a denial needs a representative."""
    steps = [f"Form I-589 filed on {filed.filed_on}."]
    if decided_by(filed, state.as_of):
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
                + LEGAL_REVIEW,
            )
        return Draft(
            "not_available",
            f"Your asylum application was granted{decided}. The annual asylum fee is owed only "
            "while an application is pending.",
            window=Window(legal_rule=option.legal_rule, computation=steps),
        )
    charged_from = state.registry.fees.first_charged_on("annual_asylum_fee")
    years = 1
    due = years_after(filed.filed_on, years)
    while due < max(state.as_of, charged_from):
        years += 1
        due = years_after(filed.filed_on, years)
    steps.append(
        "The annual asylum fee is owed for each calendar year an application stays pending "
        f"(Pub. L. 119-21 sec. 100009(a)), whenever it was filed; charged from {charged_from}, "
        f"it falls due on each anniversary of filing; the next is {due}."
    )
    window = Window(closes_on=due, safe_on=due, legal_rule=option.legal_rule, computation=steps)
    return Draft(
        "may_apply",
        "Your asylum application is filed. " + f"Pay the annual asylum fee by {due}.",
        window=window,
        fee_on=due,
        fee_kinds=["annual_asylum_fee"],
        steps=["Pay the annual asylum fee when USCIS sends the notice; it is paid online."],
    )
