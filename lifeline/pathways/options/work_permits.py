"""The work permit option: (c)(11) while paroled, else (a)(12) with TPS or (c)(8) with asylum."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt

from lifeline.pathways.answers import OptionStatus, Window
from lifeline.pathways.options.asylum import decided_by, standing_asylum_filing
from lifeline.pathways.options.shared import LEGAL_REVIEW
from lifeline.pathways.options.tps_kept import kept_on
from lifeline.pathways.policy import OptionPolicy, WorkPermitParams
from lifeline.pathways.state import Check, Draft, days_after, years_after


def employment_authorization(option: OptionPolicy, state: Check) -> Draft:
    parole, on, params = state.parole, state.as_of, option.params_as(WorkPermitParams)
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
    permits = [p for p in state.request.work_permits if p.category == "c11"]
    current = max(permits, key=lambda p: p.valid_until, default=None)
    assert parole.ends_on is not None
    if current is not None and current.valid_until >= on:
        opens = days_after(current.valid_until, -params.renewal_days_before)
        steps = [f"Card valid until {current.valid_until}; renewal may be filed from {opens}."]
        if params.no_auto_extension_from <= on:  # the rule is stated only once it was published
            steps.append(
                f"Renewals filed from {params.no_auto_extension_from} do not extend the card: stop work when it expires."
            )
        window = Window(
            opens_on=opens,
            closes_on=current.valid_until,
            safe_on=current.valid_until,
            legal_rule=legal_rule(option, on),
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
    if on >= params.validity_cap_from:
        validity = min(years_after(on, 1), parole.ends_on)
        rule = f"one year or the end of parole on {parole.ends_on}, whichever is shorter"
    else:
        validity, rule = parole.ends_on, "the end of parole"
    steps = [f"A permit asked for on {on} would last until about {validity} ({rule})."]
    return Draft(
        "may_apply",
        f"You may ask for a work permit while parole lasts (until {parole.ends_on}).",
        window=Window(
            closes_on=parole.ends_on, legal_rule=legal_rule(option, on), computation=steps
        ),
        fee_kinds=["i765_filing", "i765_parole_initial"],
    )


def _other_work_permits(option: OptionPolicy, state: Check) -> Draft | None:
    """Once parole is over, the work permit a person may hold on another basis: category
    (a)(12) with TPS held on the date (or kept after the grant ended, ADR 0207; under a court
    order keeping the termination back, that needs legal review), or (c)(8) with an asylum application pending, from the
    waiting period after filing (8 CFR 208.7(a)(1)). A first permit of either category carries
    H.R. 1's initial fee (Pub. L. 119-21 sec. 100003(a) and (c)) beside the base fee; the
    renewal fees of secs. 100011 and 100012 are not on file."""
    on = state.as_of
    tps_until = state.request.tps_held_until(on)
    if tps_until is not None:
        return Draft(
            "may_apply",
            f"Parole is over, but you hold TPS until {tps_until}: the work permit is category "
            "(a)(12), asked for with your TPS registration or re-registration.",
            window=Window(closes_on=tps_until, legal_rule=legal_rule(option, on)),
            fee_kinds=_fee_kinds(state, "a12", "i765_tps_initial"),
            basis="tps",
        )
    kept = max(
        (k for k in kept_on(state) if k.until is None or k.until >= on),
        key=lambda k: k.until or dt.date.max,
        default=None,
    )
    if kept is not None and kept.until is not None:
        return Draft(
            "may_apply",
            f"Parole is over, and your TPS grant ran to {kept.grant_ended}, but you keep TPS until its designation's termination takes effect on {kept.until}: the work permit is category (a)(12) and lasts no longer than that.",
            window=Window(closes_on=kept.until, legal_rule=legal_rule(option, on)),
            fee_kinds=_fee_kinds(state, "a12", "i765_tps_initial"),
            basis="tps",
        )
    if kept is not None and kept.blocked_by is not None:
        return Draft(
            "needs_legal_review",
            f"Parole is over, and your TPS grant ran to {kept.grant_ended}. A court order keeps your TPS designation's termination from taking effect ({kept.blocked_by.summary}), so whether you still hold TPS, and may have a category (a)(12) work permit, depends on that order. "
            + LEGAL_REVIEW,
            window=Window(legal_rule=legal_rule(option, on)),
            sources=list(kept.blocked_by.sources),
            basis="tps",
        )
    asylum = standing_asylum_filing(state.request, on)
    if asylum is None or decided_by(asylum, on):
        return None
    wait = option.params_as(WorkPermitParams).asylum_wait_days
    opens = days_after(asylum.filed_on, wait)
    steps = [
        f"Form I-589 filed on {asylum.filed_on} and pending; a (c)(8) work permit may be asked "
        f"for {wait} days later, on {opens} (8 CFR 208.7(a)(1)), unless a delay you asked for "
        "stopped the count."
    ]
    return Draft(
        "not_yet" if on < opens else "may_apply",
        f"Parole is over, but your asylum application is pending: ask for a (c)(8) work permit from {opens}.",
        window=Window(opens_on=opens, legal_rule=legal_rule(option, on), computation=steps),
        fee_kinds=_fee_kinds(state, "c8", "i765_asylum_initial"),
        fee_on=max(on, opens),
        basis="asylum_pending",
    )


def legal_rule(option: OptionPolicy, on: dt.date) -> str:
    """The option's rule as known on `on`: the one-year cap once Pub. L. 119-21 was enacted, the
    end of automatic extensions once 90 FR 48799 was published (ADR 0211)."""
    params, sentences = option.params_as(WorkPermitParams), [option.legal_rule]
    if params.validity_cap_enacted_on <= on:
        sentences.append(
            f"Permits asked for from {_day(params.validity_cap_from)} last one year or to the end of parole, whichever is shorter."
        )
    if params.no_auto_extension_from <= on:
        sentences.append(
            f"Renewals filed from {_day(params.no_auto_extension_from)} no longer extend the old card automatically."
        )
    return " ".join(sentences)


def _day(on: dt.date) -> str:
    return f"{on.day} {on:%B %Y}"


def _fee_kinds(state: Check, category: str, initial: str) -> list[str]:
    """The base fee, and H.R. 1's initial fee unless a permit of `category` is on record."""
    renewing = any(p.category == category for p in state.request.work_permits)
    return ["i765_filing"] if renewing else ["i765_filing", initial]
