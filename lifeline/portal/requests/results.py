"""A pre-screen record in the reader's words: per person, outcome, route, parole and fees."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from lifeline.intake.models import PrescreenRecord
from lifeline.portal import choices
from lifeline.portal.prescreen_words import describe_open_point
from lifeline.portal.route_words import route_html
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import policies_cut_off
from lifeline.programs.registry import get_registry
from lifeline.programs.routes import routes

_OPEN = ("fail", "unknown")
# A family member's outcome when the request says they do not travel or join (ADR 0278).
NOT_PART_OF_REQUEST = "not_applicable"


@dataclass(frozen=True)
class RouteView:
    label: str  # in the reader's language, or marked English until translated
    explanation: str  # the same
    authority: str
    url: str
    quote: str


@dataclass(frozen=True)
class FeeView:
    label: str
    amount_usd: int
    when: str
    priced_on: dt.date | None
    reason: str


@dataclass(frozen=True)
class OpenRuleView:
    text: str  # in the reader's language
    program_words: str  # the rule's own explanation, in English, without engine keys
    authority: str
    url: str
    quote: str


@dataclass(frozen=True)
class PersonView:
    name: str
    relationship: str
    outcome: str
    outcome_label: str
    outcome_text: str
    route: RouteView | None
    requested_days: int | None
    allowed_days: int | None
    program_max_days: int | None
    fees: list[FeeView]
    open_rules: list[OpenRuleView]


def _route(code: str | None) -> RouteView | None:
    if not code:
        return None
    known = routes().get(code)
    if known is None:  # a code no longer in the vocabulary: say only that another office decides
        return RouteView(str(choices.OUTCOME_LABELS["route_elsewhere"]), "", "", "", "")
    return RouteView(
        label=route_html(known.label.strip()),
        explanation=route_html(known.explanation.strip()),
        authority=known.citation.authority.label,
        url=known.citation.authority.url,
        quote=known.citation.quote.strip(),
    )


def _fee(line: dict[str, Any]) -> FeeView:
    kind = line.get("kind", "")
    when = {
        "filing": _("Paid when the request is filed"),
        "grant": _("Charged only if parole is granted"),
    }.get(line.get("charged_at") or "", "")
    priced_on = line.get("priced_on")
    return FeeView(
        label=str(choices.FEE_KINDS.get(kind, _("Fee"))),
        amount_usd=int(line.get("amount_usd", 0)),
        when=when,
        priced_on=dt.date.fromisoformat(priced_on) if priced_on else None,
        reason=str(line.get("reason", "")),
    )


def _open_rule(rule: dict[str, Any]) -> OpenRuleView:
    point = describe_open_point(rule)
    citation = rule.get("citation") or {}
    return OpenRuleView(
        text=point.text,
        program_words=point.program_words,
        authority=str(citation.get("authority", "")),
        url=str(citation.get("url", "")),
        quote=str(citation.get("quote", "")),
    )


def _names(document: RequestDocument | None) -> dict[str, str]:
    if document is None:
        return {}
    names = {"principal": f"{document.beneficiary.given_name} {document.beneficiary.family_name}"}
    for index, member in enumerate(document.household):
        names[f"household[{index}]"] = f"{member.person.given_name} {member.person.family_name}"
    return names


def _people(record: PrescreenRecord) -> list[dict[str, Any]]:
    """The record's people; a record from before per-person results holds only the principal."""
    if record.people:
        people: list[dict[str, Any]] = record.people
        return people
    return [
        {
            "person": "principal",
            "relationship": "principal",
            "outcome": record.outcome,
            "route_to": record.route_to or None,
            "parole": record.parole,
            "fees": record.fees,
            "rules": record.rules,
        }
    ]


def list_person_results(
    record: PrescreenRecord, document: RequestDocument | None
) -> list[PersonView]:
    """Each person of the pre-screen, principal first, with nothing shown as a raw key."""
    names = _names(document)
    views: list[PersonView] = []
    for person in _people(record):
        outcome = person["outcome"]
        parole = person.get("parole") or {}
        if person["person"] == "principal" and not parole and record.parole_max_days:
            parole = {"program_max_days": record.parole_max_days}
        apart = outcome == NOT_PART_OF_REQUEST
        if apart:  # no parole is asked for them
            parole = {}
        views.append(
            PersonView(
                name=names.get(person["person"], ""),
                relationship=str(choices.HOUSEHOLD_ROLES.get(person["relationship"], "")),
                outcome=outcome,
                outcome_label=str(
                    choices.NOT_PART_OF_REQUEST_LABEL
                    if apart
                    else choices.OUTCOME_LABELS.get(outcome, "")
                ),
                outcome_text=str(
                    choices.NOT_PART_OF_REQUEST_TEXT if apart else choices.OUTCOMES.get(outcome, "")
                ),
                route=_route(person.get("route_to")),
                requested_days=parole.get("requested_days"),
                allowed_days=parole.get("allowed_days"),
                program_max_days=parole.get("program_max_days"),
                fees=[_fee(line) for line in person.get("fees", [])],
                open_rules=[_open_rule(r) for r in person.get("rules", []) if r["result"] in _OPEN],
            )
        )
    return views


@dataclass(frozen=True)
class OutcomeCount:
    label: str
    count: int


def summarise_household(people: list[PersonView]) -> list[OutcomeCount]:
    """How many people in the request have each outcome, in the outcomes' order; empty for one
    person (their own result says it all). Family members not part of the request are counted
    apart (`count_not_part_of_request`)."""
    people = [person for person in people if person.outcome != NOT_PART_OF_REQUEST]
    if len(people) < 2:
        return []
    counts = Counter(person.outcome for person in people)
    return [
        OutcomeCount(str(label), counts[outcome])
        for outcome, label in choices.OUTCOME_LABELS.items()
        if counts[outcome]
    ]


def count_not_part_of_request(people: list[PersonView]) -> int:
    """How many family members listed the request says do not travel or join (ADR 0278)."""
    return sum(person.outcome == NOT_PART_OF_REQUEST for person in people)


def get_cut_off_caution(record: PrescreenRecord, filed_on: dt.date | None) -> dt.date | None:
    """The policies' cut-off date when the filing or the evaluation came after it (the result
    may be out of date), else None."""
    registry = get_registry()
    version = registry.version(record.program_version)
    if version is None:
        return None
    _checked, cut_off = policies_cut_off(version, registry)
    evaluated_on = record.evaluated_at.astimezone(dt.UTC).date()
    latest = max(filed_on or evaluated_on, evaluated_on)
    return cut_off if latest > cut_off else None
