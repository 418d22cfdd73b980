"""The Cuban Adjustment Act option: one year of presence after parole or admission."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

from lifeline.pathways.answers import Window
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.policy import CubanAdjustmentParams, OptionPolicy
from lifeline.pathways.state import Check, Draft, years_after


def cuban_adjustment(option: OptionPolicy, state: Check) -> Draft:
    request = state.request
    basis = _basis(state)
    if basis is not None:
        return basis
    paroled = [a.on for a in request.arrivals if a.document in ("parole", "visa")] + [
        p.from_on for p in request.parole
    ]
    if not paroled:
        if any(a.document == "i220a" for a in request.arrivals):
            return Draft(
                "needs_legal_review",
                "A release on Form I-220A is not parole under Matter of Cabrera-Fernandez, 28 I&N Dec. 747 (BIA 2023); the question is still litigated. "
                + LEGAL_REVIEW,
            )
        if request.arrivals and all(a.document == "without_inspection" for a in request.arrivals):
            return Draft(
                "not_available",
                "The Act is for those inspected and admitted or paroled; an entry without inspection, with no parole after it on record, is neither.",
            )
        return Draft(
            "needs_information",
            "How you entered (parole, visa or I-220A release) and when is needed.",
            missing=["arrivals"],
        )
    since = min(paroled)
    opens = years_after(since, option.params_as(CubanAdjustmentParams).presence_years)
    steps = [
        f"Paroled or admitted on {since}; one year of physical presence is reached on {opens}."
    ]
    window = Window(opens_on=opens, legal_rule=option.legal_rule, computation=steps)
    trips = [d.on for d in request.departures if since <= d.on < opens]
    if trips:
        return Draft(
            "needs_legal_review",
            f"A trip abroad on {trips[0]} falls within the year of presence. " + LEGAL_REVIEW,
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


def _basis(state: Check) -> Draft | None:
    """None for a native or citizen of Cuba, or a spouse or child under 21 residing with one;
    otherwise what keeps the answer open: the nationality not given, or an age over the
    statute's "child" (INA 101(b)(1): "an unmarried person under twenty-one years of age")."""
    request, person = state.request, state.request.person
    countries = set(person.citizenships) | ({person.birth_country} - {None})
    if "CU" in countries:
        return None
    derivative = (
        request.fact("spouse_or_parent_is_cuban_principal") == "yes"
        and request.fact("resides_with_cuban_principal") == "yes"
    )
    if not derivative and person.citizenships and person.birth_country is None:
        return Draft(
            "needs_information",
            "Your country of birth is needed: the Act is also for natives of Cuba (born there), whatever their citizenship.",
            missing=["person.birth_country"],
        )
    if not derivative:
        return Draft(
            "needs_information",
            "Whether you are a native or citizen of Cuba (or the spouse or child of one, living with them) is needed.",
            missing=["person.citizenships or person.birth_country"],
        )
    if person.birth_date is not None and years_after(person.birth_date, 21) <= state.as_of:
        return Draft(
            "needs_legal_review",
            f"You were 21 on {years_after(person.birth_date, 21)}: the Act's “child” is under 21 (INA 101(b)(1)), so you may apply only as the spouse of a Cuban native or citizen. "
            + LEGAL_REVIEW,
        )
    return None
