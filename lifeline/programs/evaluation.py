"""Pre-screen a request against the version in force on its filing date, and what-if a draft."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import cast

import cel

from lifeline.core import clock
from lifeline.programs.documents import RequestDocument
from lifeline.programs.facts import build_context
from lifeline.programs.fees import compute_fees, filing_fee_remitted
from lifeline.programs.household import household_facts, left_out, through_principal
from lifeline.programs.household import people as household_people
from lifeline.programs.intake_rules import intake_runs, refuse_unreadable_cap_usage
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_sections import CompiledRule, EvidenceItem
from lifeline.programs.probes import MISSING_FACT_ERRORS
from lifeline.programs.registry import Registry, get_registry
from lifeline.programs.results import (
    NOT_PART_OF_REQUEST,
    OUTCOME_EXPLANATIONS,
    OUTCOME_PRECEDENCE,
    AnswerCitation,
    FeeLine,
    HouseholdSummary,
    Outcome,
    ParolePeriod,
    PersonResult,
    PrescreenResult,
    Route,
    RuleOutcome,
    RuleResult,
    RuleRun,
    household_explanation,
)
from lifeline.programs.routes import routes

_RANK: dict[str, int] = {outcome: rank for rank, outcome in enumerate(OUTCOME_PRECEDENCE)}


def prescreen(
    document: RequestDocument,
    *,
    as_of: dt.date | None = None,
    evaluated_at: dt.datetime | None = None,
    registry: Registry | None = None,
) -> PrescreenResult:
    """Every person's rules under the version in force on the postmark date; rules never decide.

    `as_of` is the date the question is asked for (the caller's, never the document's): it
    prices a parole fee when no `granted_on` is given. Without it, the evaluation date is used.
    """
    registry = registry or get_registry()
    version = registry.version_for_filing(document.program, document.postmarked_on)
    refuse_unreadable_cap_usage(document, registry.versions(document.program))
    evaluated_at = (evaluated_at or clock.now()).replace(microsecond=0)
    as_of = as_of or evaluated_at.astimezone(dt.UTC).date()
    usage = registry.usage_for(version)
    later = later_versions(registry, version)
    results: list[PersonResult] = []
    principal_outcome = "meets_criteria"
    filing_lines: list[FeeLine] = []
    grant_on = document.granted_on or as_of
    shown = household_facts(document, on=grant_on)
    apart = left_out(document)
    for person, own in household_people(document):
        if person in apart:
            results.append(_not_part_of_request(person, own, version))
            continue
        context = build_context(own, usage, as_of=as_of, household_facts=shown[person])
        outcome, route_to, runs = run_rules(own, version, context, as_of=as_of, later=later)
        if person != "principal":
            runs.append(through_principal(principal_outcome))
            outcome, route_to = _answer(runs)
        fees = _person_fees(own, version, registry, context, as_of=as_of)
        filing_lines += [line for line in fees if line.charged_at == "filing"]
        if person == "principal":
            principal_outcome = outcome
        results.append(_person_result(person, own, version, outcome, route_to, runs, fees))
    remitted = filing_fee_remitted(document, filing_lines)
    results = [
        result if result.person in apart else _with_run(result, remitted) for result in results
    ]
    principal = results[0]
    counts: Counter[str] = Counter(
        result.outcome for result in results if result.person not in apart
    )
    return PrescreenResult(
        outcome=cast(Outcome, principal.outcome),
        outcome_explanation=household_explanation(
            principal.outcome_explanation, dict(counts), len(apart)
        ),
        program=version.program,
        program_version=version.version,
        evaluated_at=evaluated_at,
        as_of=as_of,
        postmarked_on=document.postmarked_on,
        route_to=principal.route_to,
        route=principal.route,
        cautions=[
            *_cautions(version, registry, document.postmarked_on, as_of),
            *_grant_cautions(document.granted_on, as_of),
            *_termination_cautions(version, later, as_of),
        ],
        parole_max_days=version.parole.max_days,
        parole=principal.parole,
        fees=principal.fees,
        rules=principal.rules,
        people=results,
        household=HouseholdSummary(
            people=len(results) - len(apart),
            outcomes=dict(counts),
            all_meet_criteria=set(counts) == {"meets_criteria"},
            not_part_of_request=len(apart),
        ),
    )


def later_versions(registry: Registry, version: ProgramVersionPolicy) -> list[ProgramVersionPolicy]:
    """The program's versions in force after `version`, oldest first."""
    return [
        other
        for other in registry.versions(version.program)
        if other.effective_from > version.effective_from
    ]


def policies_cut_off(version: ProgramVersionPolicy, registry: Registry) -> tuple[dt.date, dt.date]:
    """(checked on, cut-off): the earlier of the version's and the latest fee schedule's dates;
    texts published after the cut-off are not taken into account."""
    schedule = registry.fees.schedules[-1]
    return (
        min(version.checked_on, schedule.checked_on),
        min(version.cut_off_on, schedule.cut_off_on),
    )


def _cautions(
    version: ProgramVersionPolicy, registry: Registry, postmarked_on: dt.date, as_of: dt.date
) -> list[str]:
    """A postmark or as-of date after the policies' cut-off: the answer may be out of date; an
    as-of date before the postmark: the answer is about a day before the request was filed."""
    early = (
        [
            f"The as-of date ({as_of}) is before the postmark date ({postmarked_on}): the answer "
            "describes a request that had not been filed yet on that day."
        ]
        if as_of < postmarked_on
        else []
    )
    checked, cut_off = policies_cut_off(version, registry)
    late = [
        f"the {name} ({day})"
        for name, day in (("postmark date", postmarked_on), ("as-of date", as_of))
        if day > cut_off
    ]
    if not late:
        return early
    return [
        *early,
        f"Policies checked to {checked}, taking into account texts published up to {cut_off}; "
        f"{' and '.join(late)} {'is' if len(late) == 1 else 'are'} later: check the program's "
        "current status and fees before relying on this answer.",
    ]


def _grant_cautions(granted_on: dt.date | None, as_of: dt.date) -> list[str]:
    """An as-of date before the stated grant date: the answer is about a day before the parole
    was granted, although the parole fee is still priced on the grant date."""
    if granted_on is None or as_of >= granted_on:
        return []
    return [
        f"The as-of date ({as_of}) is before the grant date ({granted_on}): the answer "
        "describes a parole that had not been granted yet on that day; the parole fee shown is "
        "the one charged on the grant date."
    ]


def _termination_cautions(
    version: ProgramVersionPolicy, later: Sequence[ProgramVersionPolicy], as_of: dt.date
) -> list[str]:
    """A later version that terminated the program by the as-of date: the parole period shown
    is the program's ceiling, and the termination notice says when parole under it ends."""
    ended = next(
        (
            other
            for other in later
            if other.termination is not None and other.effective_from <= as_of
        ),
        None,
    )
    if ended is None or ended.termination is None or version.termination is not None:
        return []
    termination = ended.termination
    citation = AnswerCitation.of(termination.citation)
    kept = " ".join(exception.explanation.strip() for exception in termination.exceptions)
    return [
        f"The program was terminated on {ended.effective_from} ({ended.version}): "
        f'"{citation.quote}" ({citation.authority}, {citation.url}). '
        f"{kept + ' ' if kept else ''}"
        "The parole period shown is the program's ceiling and does not reflect the termination: "
        "check when a parole already granted ends (`lifeline parole`)."
    ]


def _person_fees(
    own: RequestDocument,
    version: ProgramVersionPolicy,
    registry: Registry,
    context: cel.Context,
    *,
    as_of: dt.date,
) -> list[FeeLine]:
    return compute_fees(
        version,
        catalog=registry.fees,
        context=context,
        postmarked_on=own.postmarked_on,
        grant_on=own.granted_on or as_of,
        is_granted=own.granted_on is not None,
        fee_waiver_requested=own.fee_waiver_requested,
    )


def get_filing_fee_due_cents(document: RequestDocument, *, registry: Registry | None = None) -> int:
    """The filing fees due for everyone in the request, in cents: the amount to send with it.

    Filing fees are priced on the postmark date, so no other date is read.
    """
    registry = registry or get_registry()
    version = registry.version_for_filing(document.program, document.postmarked_on)
    usage = registry.usage_for(version)
    on = document.postmarked_on
    due_usd = 0
    shown = household_facts(document, on=on)
    apart = left_out(document)
    for person, own in household_people(document):
        if person in apart:
            continue
        context = build_context(own, usage, as_of=on, household_facts=shown[person])
        context.add_variable("params", version.cel_params)
        fees = _person_fees(own, version, registry, context, as_of=on)
        due_usd += sum(line.amount_usd for line in fees if line.charged_at == "filing")
    return due_usd * 100


def _stronger(
    outcome: str, route_to: str | None, runs: Iterable[RuleRun]
) -> tuple[str, str | None]:
    for run in runs:
        if run.result == "fail":
            effect = run.effect
        elif run.result == "unknown":
            effect = "needs_information"
        else:
            continue
        if _RANK[effect] < _RANK[outcome]:
            outcome, route_to = effect, run.route_to
    return outcome, (route_to if outcome == "route_elsewhere" else None)


def _rule(run: RuleRun) -> RuleResult:
    return RuleResult(
        id=run.id,
        result=cast(RuleOutcome, run.result),
        explanation=run.explanation,
        citation=run.citation,
    )


def _route(code: str | None) -> Route | None:
    if code is None:
        return None
    known = routes().get(code)
    if known is None:
        return Route(code=code, explanation="", citation=None)
    return Route(
        code=code,
        label=known.label.strip(),
        explanation=known.explanation.strip(),
        citation=AnswerCitation.of(known.citation),
    )


def _parole_period(own: RequestDocument, version: ProgramVersionPolicy) -> ParolePeriod:
    requested = own.requested_duration_days
    most = version.parole.max_days
    allowed = most if requested is None else min(requested, most)
    return ParolePeriod(requested_days=requested, program_max_days=most, allowed_days=allowed)


def _person_result(
    person: str,
    own: RequestDocument,
    version: ProgramVersionPolicy,
    outcome: str,
    route_to: str | None,
    runs: list[RuleRun],
    fees: list[FeeLine],
) -> PersonResult:
    return PersonResult(
        person=person,
        relationship=own.relationship_to_principal,
        outcome=cast(Outcome, outcome),
        outcome_explanation=OUTCOME_EXPLANATIONS[outcome],
        route_to=route_to,
        route=_route(route_to),
        parole=_parole_period(own, version),
        fees=fees,
        rules=[_rule(run) for run in runs],
    )


def _not_part_of_request(
    person: str, own: RequestDocument, version: ProgramVersionPolicy
) -> PersonResult:
    """A family member stated neither to travel with nor join the principal: not part of the
    request, so no rule is run and no fee is counted for them (ADR 0278)."""
    return PersonResult(
        person=person,
        relationship=own.relationship_to_principal,
        outcome="not_applicable",
        outcome_explanation=NOT_PART_OF_REQUEST,
        route_to=None,
        parole=_parole_period(own, version),
        fees=[],
        rules=[],
    )


def _with_run(result: PersonResult, run: RuleRun) -> PersonResult:
    """`run` added to a person's rules and counted in their outcome like any other rule."""
    outcome, route_to = _stronger(result.outcome, result.route_to, [run])
    return result.model_copy(
        update={
            "outcome": outcome,
            "outcome_explanation": OUTCOME_EXPLANATIONS[outcome],
            "route_to": route_to,
            "route": _route(route_to),
            "rules": [*result.rules, _rule(run)],
        }
    )


def run_rules(
    document: RequestDocument,
    version: ProgramVersionPolicy,
    context: cel.Context,
    *,
    is_what_if: bool = False,
    as_of: dt.date | None = None,
    later: Sequence[ProgramVersionPolicy] = (),
) -> tuple[str, str | None, list[RuleRun]]:
    """(outcome, route_to, every rule's run): the built-in intake rules, then the version's.
    `later` are the program's versions after `version` (see `intake_runs`)."""
    context.add_variable("params", version.cel_params)
    runs = intake_runs(version, document, is_what_if=is_what_if, as_of=as_of, later=later)
    runs += [_run_rule(rule, context) for rule in version.compiled_rules]
    return *_answer(runs), runs


def _answer(runs: Sequence[RuleRun]) -> tuple[str, str | None]:
    """(outcome, route_to) of a person's runs: the strongest effect, unless a route is left
    undecided by a fact not stated, when the fact is asked for instead."""
    outcome, route_to = _stronger("meets_criteria", None, runs)
    if _route_undecided(outcome, runs):
        return "needs_information", None
    return outcome, route_to


def _route_undecided(outcome: str, runs: Sequence[RuleRun]) -> bool:
    """A route rule not checked (its fact unknown) that would have decided the answer had it
    failed: one listed before the route given, or any, when the answer is that a criterion is
    not met (a route outranks that). Answering then could name the wrong office or process, so
    the fact is asked for instead (ADR 0252)."""
    if outcome not in ("route_elsewhere", "not_eligible"):
        return False
    for run in runs:
        if outcome == "route_elsewhere" and run.result == "fail" and run.effect == outcome:
            return False
        if run.result == "unknown" and run.effect == "route_elsewhere":
            return True
    return False


def evaluate(
    document: RequestDocument,
    version: ProgramVersionPolicy,
    context: cel.Context,
    *,
    evaluated_at: dt.datetime,
    is_what_if: bool = False,
) -> PrescreenResult:
    """Every rule's result and the strongest outcome, without fees (see `prescreen`)."""
    outcome, route_to, runs = run_rules(document, version, context, is_what_if=is_what_if)
    return PrescreenResult(
        outcome=cast(Outcome, outcome),
        outcome_explanation=OUTCOME_EXPLANATIONS[outcome],
        program=version.program,
        program_version=version.version,
        evaluated_at=evaluated_at,
        route_to=route_to,
        route=_route(route_to),
        parole_max_days=version.parole.max_days,
        fees=[],
        rules=[
            RuleResult(
                id=run.id,
                result=cast(RuleOutcome, run.result),
                explanation=run.explanation,
                citation=run.citation,
            )
            for run in runs
        ],
    )


# A rule whose effect is needs_information failing on what the request states: a fact, so the
# result stays "fail", but the answer says the rule's requirement is what is still needed.
STATED_OTHERWISE = (
    "The request states otherwise: this is what it still needs (the answer asks for it; it is "
    "not a refusal)."
)


def _run_rule(rule: CompiledRule, context: cel.Context) -> RuleRun:
    explanation = rule.explanation
    try:
        if rule.when is not None and rule.when.program.execute(context) is not True:
            outcome = "not_applicable"
        elif rule.expression.program.execute(context) is True:
            outcome = "pass"
        else:
            outcome = "fail"
            # A part that only tests that a fact was given, not holding: the fact is unknown.
            absent = rule.presence.absent(context)
            if absent is not None:
                outcome = "unknown"
                explanation = f"{explanation} Not checked: the request does not say {absent}."
            elif rule.effect == "needs_information":
                explanation = f"{explanation} {STATED_OTHERWISE}"
    except MISSING_FACT_ERRORS as exc:
        outcome = "unknown"
        explanation = f"{explanation} Not checked: the request does not say {exc.args[0]!s}."
    except Exception as exc:  # a document shape the probes did not cover: do not guess
        outcome = "unknown"
        explanation = f"{explanation} Not checked: {type(exc).__name__} while evaluating."
    return RuleRun(rule.id, outcome, explanation, rule.citation, rule.effect, rule.route_to)


MINOR_TRAVEL_RULE = "minor_travels_with_parent_or_guardian"


def minor_travel(version: ProgramVersionPolicy, document: RequestDocument) -> RuleRun | None:
    """The program's own rule that a child travels with a parent or legal guardian, run on
    `document`; None for a program whose texts set no such rule (CAM, general parole)."""
    rule = next((rule for rule in version.compiled_rules if rule.id == MINOR_TRAVEL_RULE), None)
    if rule is None:
        return None
    context = build_context(document)
    context.add_variable("params", version.cel_params)
    return _run_rule(rule, context)


def list_required_evidence(
    document: RequestDocument, *, registry: Registry | None = None
) -> list[EvidenceItem]:
    """The evidence checklist for this request (items whose guard cannot be checked included)."""
    registry = registry or get_registry()
    version = registry.version_for_filing(document.program, document.postmarked_on)
    context = build_context(document)
    context.add_variable("params", version.cel_params)
    items = []
    for item in version.evidence_items(document.category, document.kind):
        try:
            if item._when is not None and item._when.run(context) is not True:
                continue
        except MISSING_FACT_ERRORS:
            pass
        items.append(item)
    return items
