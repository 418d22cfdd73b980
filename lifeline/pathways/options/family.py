"""The family-based adjustment option: an approved petition, a current date, parole in force."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lifeline.pathways.answers import Window
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.policy import BulletinMonth, OptionPolicy
from lifeline.pathways.state import Check, Draft


def family_adjustment(option: OptionPolicy, state: Check) -> Draft:
    """The Visa Bulletin row is the petition's stated chargeability, else the country of birth
    (9 FAM 503.2-2: an applicant "is generally chargeable to the numerical limitation applicable
    to the applicant's place of birth"); never a citizenship."""
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
    charge = petition.chargeability or state.request.person.birth_country
    if charge is None:
        return Draft(
            "needs_information",
            "The country of birth is needed: the Visa Bulletin row is the one of the place of birth, not of citizenship.",
            missing=["person.birth_country"],
        )
    dates = month.dates.get(petition.category, {})
    key = charge if charge in dates else "ALL"
    cutoff = dates.get(key)
    steps = [
        f"Priority date {petition.priority_date}; {month.month} final action date for {petition.category} ({key}): {cutoff or 'current'}."
    ]
    if petition.chargeability is None:
        steps.append(
            f"Charged to the country of birth ({charge}) (9 FAM 503.2-2); being charged to a spouse's or parent's country instead (INA 202(b)) needs legal review."
        )
    current = cutoff is None or petition.priority_date < cutoff
    sources, chart = [month.source], ""
    if not current:
        filing = _dates_for_filing(month, petition.category, key, petition.priority_date, steps)
        if filing is not None:
            return replace(filing, window=Window(legal_rule=option.legal_rule, computation=steps))
        assert month.uscis_source is not None  # the dates for filing were reached
        sources.append(month.uscis_source)
        chart = " on the Dates for Filing chart USCIS accepts this month"
    if not parole.known:
        return Draft(
            "needs_legal_review",
            f"Your priority date is current{chart}; whether parole is still in force to file under is not known. "
            + parole.reason,
            window=Window(legal_rule=option.legal_rule, computation=steps),
            sources=[*sources, *parole.sources],
            lines=list(parole.lines),
        )
    if not parole.in_force_on(state.as_of):
        return Draft(
            "needs_legal_review",
            f"Your priority date is current{chart} but parole is not in force: the lawful-status requirement may bar adjustment. "
            + LEGAL_REVIEW,
            sources=[*sources, *parole.sources],
        )
    steps.append(f"File while parole lasts: it ends on {parole.ends_on}.")
    return Draft(
        "may_apply",
        f"Your priority date is current{chart}; file Form I-485 before parole ends on {parole.ends_on}.",
        window=Window(
            closes_on=parole.ends_on,
            safe_on=parole.ends_on,
            legal_rule=option.legal_rule,
            computation=steps,
        ),
        sources=[*sources, *parole.sources],
        lines=list(parole.lines),
    )


def _dates_for_filing(
    month: BulletinMonth, category: str, key: str, priority: dt.date, steps: list[str]
) -> Draft | None:
    """A priority date not current on the final action chart: not yet when USCIS names that
    chart for the month, or when the dates for filing USCIS names are not reached either; legal
    review when the chart USCIS names is not on file; None when the dates for filing it names
    are reached (the answer then goes on as for a current date)."""
    if month.uscis_family_chart is None:
        return Draft(
            "needs_legal_review",
            f"Your priority date is not current on the final action chart for {month.month}. USCIS says each month whether family cases may file by the Dates for Filing chart instead, and which it named for {month.month} is not on file: check the Dates for Filing chart and the USCIS filing-charts page before relying on this. "
            + LEGAL_REVIEW,
            sources=[month.source],
        )
    assert month.uscis_source is not None  # the data names the chart with its source
    if month.uscis_family_chart == "final_action":
        steps.append(f"USCIS named the final action chart for family cases in {month.month}.")
        return Draft(
            "not_yet",
            "Your priority date is not current this month.",
            sources=[month.source, month.uscis_source],
        )
    filing = (month.filing_dates or {}).get(category, {})
    cutoff = filing.get(key if key in filing else "ALL")
    steps.append(
        f"USCIS named the Dates for Filing chart for family cases in {month.month}; its date for {category} ({key}): {cutoff or 'current'}."
    )
    if cutoff is None or priority < cutoff:
        return None
    return Draft(
        "not_yet",
        "Your priority date is not current this month on the Dates for Filing chart that USCIS accepts.",
        sources=[month.source, month.uscis_source],
    )
