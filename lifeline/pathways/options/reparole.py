"""The re-parole option: the program's window before parole ends."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

from lifeline.core.errors import DomainError
from lifeline.parole.terms import reparole_timing
from lifeline.pathways.answers import Window
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft


def reparole(option: OptionPolicy, state: Check) -> Draft:
    parole = state.parole
    if parole.program is None or parole.ends_on is None:
        return Draft("needs_information", "Your parole dates are needed.", missing=["parole"])
    if not parole.known:
        return Draft(
            "needs_legal_review", parole.reason, lines=parole.lines, sources=parole.sources
        )
    if state.as_of > parole.ends_on:
        return Draft(
            "deadline_passed",
            f"Parole ended on {parole.ends_on}; re-parole is asked for before it ends.",
            window=Window(closes_on=parole.ends_on, legal_rule=option.legal_rule),
            lines=parole.lines,
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
