"""The pathway check: for a paroled person and an as-of date, every option with its status,
window, filing, missing facts and sources. Pure: reads policy files, writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.parole.terms import (
    Filing,
    apply_termination,
    expired_while_blocked_reason,
    termination_in_force,
)
from lifeline.pathways.answers import (
    BASIS_PLAIN_LABELS,
    CitationOut,
    FeeOut,
    FilingOut,
    NextDeadline,
    OptionAnswer,
    ParoleOut,
    PathwayAnswer,
)
from lifeline.pathways.context import DERIVED_FROM, facts_of, gate_context
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.options import COMPUTE
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.registry import PathwayRegistry, get_pathway_registry
from lifeline.pathways.state import Check, Draft, Parole, to_legal_review
from lifeline.programs.fees import unconfirmed_note
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import Registry, get_registry
from lifeline.programs.sources import Source, weakest


def check(
    request: PathwayRequest,
    *,
    as_of: dt.date | None = None,
    registry: PathwayRegistry | None = None,
    programs: Registry | None = None,
) -> PathwayAnswer:
    """Answer every option for `request` on `as_of` (the request's, else today)."""
    on = as_of or request.as_of or clock.now().date()
    registry = registry or get_pathway_registry()
    programs = programs or get_registry()
    policy = registry.policy_on(on)
    state = Check(request, on, registry, programs, parole_on(request, on, registry, programs))
    facts = facts_of(request)
    options = [_answer(option, state, facts) for option in policy.options]
    parole = state.parole
    parole_out = ParoleOut(
        program=parole.program,
        ends_on=parole.ends_on,
        in_force=parole.in_force_on(on) if parole.known else None,
        reason=parole.reason,
    )
    deadlines = [
        NextDeadline(code=o.code, on=due, what=o.plain_label, basis=o.basis)
        for o in options
        if (due := o.act_by(on)) is not None
    ]
    return PathwayAnswer(
        as_of=on,
        policy_version=policy.version,
        timeline_version=registry.timeline.file.version,
        parole=parole_out,
        options=options,
        next_deadline=min(
            [*_parole_deadline(parole_out, on), *deadlines], key=lambda d: d.on, default=None
        ),
    )


def _parole_deadline(parole: ParoleOut, on: dt.date) -> list[NextDeadline]:
    """Parole's end ahead is a date to act by, even when the options await review or facts:
    parole not known to be in force past a timeline check still has its record's end date."""
    if parole.in_force is False or parole.ends_on is None or parole.ends_on < on:
        return []
    return [NextDeadline(code="parole", on=parole.ends_on, what="Your parole ends")]


def parole_on(
    request: PathwayRequest,
    on: dt.date,
    registry: PathwayRegistry,
    programs: Registry | None = None,
) -> Parole:
    """When the latest parole ends on `on`: its I-94 date, a termination in force (with the
    program's exceptions), a court order blocking it, or a departure."""
    granted = [interval for interval in request.parole if interval.from_on <= on]
    if not granted:
        return Parole(None, None, None, True, "No parole on file as of this date.")
    latest = max(granted, key=lambda interval: interval.until_on)
    parole = Parole(
        latest.program,
        min(interval.from_on for interval in granted),
        latest.until_on,
        True,
        f"Parole under {latest.program} ends on its I-94 date {latest.until_on}.",
    )
    state = registry.timeline.state_on(f"parole:{latest.program}", on)
    parole.lines = [event.summary for event in state.applied]
    parole.sources = [source for event in state.applied for source in event.sources]
    if not state.known:
        parole.known = False
        parole.reason += f" {state.explanation}"
    announced = registry.timeline.termination_on(f"parole:{latest.program}", on)
    versions = _versions(programs or get_registry(), latest.program)
    termination = termination_in_force(registry.timeline, versions, latest.program, on)
    continued_on = latest.continued_on
    ran_out = expired_while_blocked_reason(
        registry.timeline, versions, latest.program, i94_on=latest.until_on, on=on
    )
    if termination is not None and ran_out:
        parole.reason += f" {ran_out}"
    elif termination is not None and continued_on is not None and continued_on <= on:
        parole.reason = (
            f"An individual determination of {continued_on} keeps parole until "
            f"{latest.until_on} despite the program's termination."
        )
    elif termination is not None:
        parole.ends_on, parole.reason = apply_termination(
            termination, original_ends_on=latest.until_on, filings=_i485_filings(request)
        )
        if termination.event not in state.applied:  # announced, its last day still ahead
            parole.lines.append(termination.event.summary)
            parole.sources.extend(termination.event.sources)
    elif announced is not None and announced.blocked_by is not None:
        parole.reason += (
            f" A court order ({announced.blocked_by.summary}) blocks the termination, "
            "so the I-94 date stands."
        )
    departures = [d.on for d in request.departures if latest.from_on <= d.on <= on]
    if departures and parole.ends_on and min(departures) < parole.ends_on:
        parole.ends_on = min(departures)
        parole.reason = f"Parole ended on departure from the United States on {parole.ends_on}."
    return parole


def _versions(programs: Registry, program: str) -> list[ProgramVersionPolicy]:
    """The program's versions (for its termination's exceptions); none for a program the
    program registry does not know."""
    try:
        return programs.versions(program)
    except DomainError:
        return []


def _i485_filings(request: PathwayRequest) -> list[Filing]:
    return [
        Filing(kind="i485", filed_on=f.filed_on, decided_on=f.decided_on)
        for f in request.filings
        if f.form == "i485"
    ]


# Options whose window runs whatever the gate facts turn out to be: asylum's one-year date runs
# from the last arrival (8 CFR 208.4(a)(2)), so it is shown beside the facts still missing.
_DATES_BEFORE_FACTS = frozenset({"asylum"})


def _answer(option: OptionPolicy, state: Check, facts: dict[str, object]) -> OptionAnswer:
    gated = _gates(option, facts)
    draft = gated or COMPUTE[option.code](option, state)
    if gated and gated.status == "needs_information" and option.code in _DATES_BEFORE_FACTS:
        draft = _with_dates(gated, COMPUTE[option.code](option, state), state.as_of)
    if draft.status != "not_available":
        _note_holds(option, state, draft)
    sources = [*_published_by(option.sources, state.as_of), *draft.sources]
    confidence = weakest([source.confidence for source in sources])
    if confidence == "unverified":
        draft = to_legal_review(
            draft, "a rule relied on could not be checked against its text: needs legal review."
        )
    filing = None
    if option.form and draft.status not in ("not_available",):
        kinds = option.fee_kinds if draft.fee_kinds is None else draft.fee_kinds
        filing = FilingOut(
            form=option.form,
            fees=[_fee(kind, draft.fee_on or state.as_of, state) for kind in kinds],
        )
    return OptionAnswer(
        code=option.code,
        label=option.label,
        plain_label=BASIS_PLAIN_LABELS[(option.code, draft.basis)]
        if draft.basis
        else option.plain_label,
        basis=draft.basis,
        status=draft.status,
        summary=draft.summary,
        window=draft.window,
        what_to_file=filing,
        missing_facts=draft.missing,
        next_steps=draft.steps,
        timeline=draft.lines,
        confidence=confidence,  # type: ignore[arg-type]
        citations=[CitationOut(**source.as_json()) for source in _primary_first(sources)],  # type: ignore[arg-type]
    )


def _with_dates(gated: Draft, computed: Draft, as_of: dt.date) -> Draft:
    """The facts still missing, with the dates and how they were worked out if they apply: the
    date to act by while one is ahead of `as_of`, else what the computed answer says of it."""
    if computed.window is None:
        return gated
    window = computed.window
    due = next((day for day in (window.safe_on, window.closes_on) if day and day >= as_of), None)
    then = (
        f"If this option applies to you, the date to act by is {due}."
        if due is not None
        else computed.summary
    )
    return replace(
        gated,
        summary=f"{gated.summary} {then}",
        window=computed.window,
        lines=[*gated.lines, *computed.lines],
        sources=[*gated.sources, *computed.sources],
    )


def _note_holds(option: OptionPolicy, state: Check, draft: Draft) -> None:
    """Say when a hold on the timeline reaches the filing for one of the person's nationalities
    on the date, or that it is not known past the hold's last check."""
    citizenships = set(state.request.person.citizenships)
    timeline = state.registry.timeline
    for subject in option.held_by:
        reaching = [
            e
            for e in timeline.events_of(subject)
            if e.effect == "hold"
            and e.effective_on <= state.as_of
            and (not e.countries or citizenships & set(e.countries))
        ]
        if not reaching:
            continue
        held = timeline.state_on(subject, state.as_of)
        if not held.known:
            draft.lines.append(
                f"unknown: check current status. Whether USCIS still holds this filing for your "
                f"nationality was last checked on {held.last_checked_on}."
            )
        elif held.hold is not None and held.hold in reaching:
            draft.lines.append(
                f"USCIS hold in force since {held.hold.effective_on}: {held.hold.summary}"
            )
            draft.sources = [*draft.sources, *held.hold.sources]


def _published_by(sources: list[Source], on: dt.date) -> list[Source]:
    """The option's citations published by `on`: a rule published later was not known then."""
    return [s for s in sources if (getattr(s.authority, "published_on", None) or on) <= on]


def _primary_first(sources: list[Source]) -> list[Source]:
    order = {"verified": 0, "secondary": 1, "unverified": 2}
    unique = list({(s.authority.url, s.quote): s for s in sources}.values())
    return sorted(unique, key=lambda source: order[source.confidence])


def _gates(option: OptionPolicy, facts: dict[str, object]) -> Draft | None:
    context = gate_context(facts)
    missing: list[str] = []
    for gate in option.gates:
        absent = [name for name in gate.needs if name not in facts]
        if absent:
            missing += [DERIVED_FROM.get(name, f"facts.{name}") for name in absent]
            continue
        try:
            result = gate.compiled.run(context)
        except (KeyError, IndexError):
            missing.append(gate.id)
            continue
        if result is not True:
            return Draft(status=gate.otherwise, summary=gate.explanation, sources=gate.sources)
    if missing:
        return Draft(
            status="needs_information",
            summary="More information is needed to answer this option.",
            missing=sorted(set(missing)),
        )
    return None


def _fee(kind: str, on: dt.date, state: Check) -> FeeOut:
    for catalog in (state.registry.fees, state.programs.fees):
        if kind not in catalog.kinds():
            continue
        found = catalog.known_on(kind, on, state.as_of)
        latest = catalog.latest(kind)
        if found is None:
            first = catalog.first_charged_on(kind)
            return FeeOut(
                kind=kind,
                label=latest.label,
                amount_usd=0,
                as_of=on,
                schedule=None,
                note=f"No {latest.label} for requests before {first}.",
            )
        fee = found.fee
        schedule = next(s for s in catalog.schedules if fee in s.fees)
        charged = "at filing" if fee.charged_at == "filing" else "when granted"
        waiver = " A fee waiver may be requested." if fee.waivable else " No fee waiver."
        unconfirmed = unconfirmed_note(fee, on)
        if found != catalog.on(kind, on):
            unconfirmed = (
                f"The amount as known on {state.as_of}; a rule published later may change it. "
                + (unconfirmed or "")
            ).strip()
        return FeeOut(
            kind=kind,
            label=fee.label,
            amount_usd=fee.amount_usd,
            as_of=on,
            schedule=schedule.version,
            note=f"${fee.amount_usd:,} {charged}, under {fee.citation.authority.label}.{waiver}"
            + (f" {unconfirmed}" if unconfirmed else ""),
        )
    return FeeOut(
        kind=kind,
        label=kind,
        amount_usd=None,
        as_of=on,
        schedule=None,
        note="This fee is not on file; check the USCIS fee schedule (Form G-1055).",
    )
