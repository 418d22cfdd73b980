"""What an evaluation returns: the pre-screen answer (contract version 2) and the what-if report."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, field_serializer
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from lifeline.programs.citations import Citation

Outcome = Literal[
    "not_accepted", "route_elsewhere", "not_eligible", "needs_information", "meets_criteria"
]
# A family member's own outcome may also be `not_applicable`: the request states that they
# neither travel with nor join the principal, so they are not part of it (ADR 0278).
PersonOutcome = Outcome | Literal["not_applicable"]
RuleOutcome = Literal["pass", "fail", "unknown", "not_applicable"]

# Marks a route code in the generated JSON Schema; `answer_schema` replaces the mark with the
# enum of policies/routes.yaml (ADR 0270).
ROUTE_CODE_MARK = "x-route-code"


class _RouteCodes:
    """Puts ROUTE_CODE_MARK on a field's JSON Schema, where the route codes are to be listed."""

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        generated = handler(schema)
        generated[ROUTE_CODE_MARK] = True
        return generated


RouteCode = Annotated[str, _RouteCodes()]

# Strongest first: the outcome of a request is the strongest one any rule produced.
OUTCOME_PRECEDENCE: tuple[Outcome, ...] = (
    "not_accepted",
    "route_elsewhere",
    "not_eligible",
    "needs_information",
    "meets_criteria",
)


# Each outcome in plain words, for the answer's readers (the portal translates its own).
OUTCOME_EXPLANATIONS: dict[str, str] = {
    "meets_criteria": "The request meets the basic criteria of the program; an officer decides.",
    "needs_information": (
        'A fact a rule turns on is not stated (left out or answered "I don\'t know"); '
        "an officer will ask for it."
    ),
    "not_eligible": "A criterion the person must meet is not met, from what the request says.",
    "not_accepted": (
        "The program does not take this request on its postmark date: it is closed, paused or "
        "full, or the form or filing fee is wrong."
    ),
    "route_elsewhere": (
        "Another office or process decides requests like this one; this answer names it and says "
        "why."
    ),
}
NOT_PART_OF_REQUEST = (
    "This family member does not travel with or join the principal beneficiary, so they are not "
    "part of this request: they are not screened and no fee is counted for them."
)
# How many people of a household had each outcome, in plain words (one person, several people).
HOUSEHOLD_OUTCOME_WORDS: dict[str, tuple[str, str]] = {
    "meets_criteria": ("meets the basic criteria", "meet the basic criteria"),
    "needs_information": ("needs information", "need information"),
    "not_eligible": ("does not meet a criterion", "do not meet a criterion"),
    "not_accepted": ("is not accepted", "are not accepted"),
    "route_elsewhere": ("goes to another office or process", "go to another office or process"),
}


def household_explanation(
    principal_explanation: str, outcomes: dict[str, int], not_part_of_request: int = 0
) -> str:
    """The principal's outcome in plain words, then how everyone in the request fared, and how
    many family members stated not to travel or join are left out of it (ADR 0278)."""
    people = sum(outcomes.values())
    order = list(HOUSEHOLD_OUTCOME_WORDS)
    apart = (
        f" {not_part_of_request} family member{'s' if not_part_of_request > 1 else ''} listed "
        f"{'do' if not_part_of_request > 1 else 'does'} not travel with or join the principal "
        f"beneficiary and {'are' if not_part_of_request > 1 else 'is'} not part of the request."
        if not_part_of_request
        else ""
    )
    if people < 2:
        return principal_explanation + apart
    counts = "; ".join(
        f"{count} {HOUSEHOLD_OUTCOME_WORDS[outcome][count > 1]}"
        for outcome, count in sorted(outcomes.items(), key=lambda item: order.index(item[0]))
    )
    return (
        f"For the principal beneficiary: {principal_explanation} Of the {people} people in the "
        f"request, {counts}.{apart}"
    )


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerCitation(_Result):
    """The primary authority an answer line rests on, its address and the sentence relied on."""

    authority: str = Field(description="The authority, e.g. `8 U.S.C. 1804(b)(1)`.")
    url: str = Field(description="The address of the primary text.")
    quote: str = Field(description="The exact words relied on, copied from the primary text.")

    @classmethod
    def of(cls, citation: Citation) -> AnswerCitation:
        authority = citation.authority
        return cls(authority=authority.label, url=authority.url, quote=citation.quote.strip())


class RuleRun(NamedTuple):
    """One rule's result with what it means on failure; plain, for cheap bulk evaluation."""

    id: str
    result: str
    explanation: str
    citation: AnswerCitation
    effect: str
    route_to: str | None


class RuleResult(_Result):
    id: str
    result: RuleOutcome
    explanation: str
    citation: AnswerCitation


class FeeLine(_Result):
    kind: str
    amount_usd: int
    waivable: bool
    reason: str
    charged_at: Literal["filing", "grant"] | None = None
    priced_on: dt.date | None = Field(
        None, description="The date whose fee law sets the amount (postmark, or grant)."
    )
    citation: AnswerCitation | None = Field(
        None, description="The law charging the fee or, for an exempt line, the exemption's."
    )


class ParolePeriod(_Result):
    requested_days: int | None = Field(description="Empty when the request does not say.")
    program_max_days: int
    allowed_days: int = Field(description="The shorter of the requested period and the maximum.")


class Route(_Result):
    code: RouteCode
    label: str = ""
    explanation: str
    citation: AnswerCitation | None


class PersonResult(_Result):
    """One person of the household: their own rules, outcome, parole period and fees."""

    person: str = Field(description="`principal`, or `household[i]` for a family member.")
    relationship: Literal["principal", "spouse", "child"]
    outcome: PersonOutcome = Field(
        description="`not_applicable`: a family member the request states neither travels with "
        "nor joins the principal; not part of the request, so not screened (no rules) and not "
        "priced (no fees)."
    )
    outcome_explanation: str = Field("", description="The outcome in plain words.")
    route_to: RouteCode | None
    route: Route | None = None
    parole: ParolePeriod
    fees: list[FeeLine]
    rules: list[RuleResult]


class HouseholdSummary(_Result):
    people: int = Field(
        description="The people in the request: the principal and the family "
        "members who travel with or join them."
    )
    outcomes: dict[str, int] = Field(description="How many people in the request had each outcome.")
    all_meet_criteria: bool
    not_part_of_request: int = Field(
        0,
        description="Family members listed who the request states do not travel with or join "
        "the principal: not part of the request, and not counted in `people` or `outcomes`.",
    )


class PrescreenResult(_Result):
    answer_version: Literal[2] = 2
    outcome: Outcome
    outcome_explanation: str = Field("", description="The outcome in plain words.")
    program: str
    program_version: str
    evaluated_at: dt.datetime
    as_of: dt.date | None = None
    postmarked_on: dt.date | None = None
    route_to: RouteCode | None
    route: Route | None = None
    cautions: list[str] = Field(
        default_factory=list,
        description="What the reader must check: e.g. a date after the policies' cut-off.",
    )
    parole_max_days: int
    parole: ParolePeriod | None = None
    fees: list[FeeLine]
    rules: list[RuleResult]
    people: list[PersonResult] = Field(default_factory=list)
    household: HouseholdSummary | None = None

    @field_serializer("evaluated_at")
    def _utc_seconds(self, value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RuleChange(_Result):
    id: str
    before: RuleOutcome | None
    after: RuleOutcome | None
    explanation: str


class OutcomeChange(_Result):
    reference: str
    before_version: str
    before_outcome: Outcome
    after_outcome: Outcome
    rule_changes: list[RuleChange]


class WhatIfReport(_Result):
    program: str
    draft_version: str
    evaluated_at: dt.datetime
    evaluated_count: int
    changed_count: int
    skipped_other_programs: int
    transitions: dict[str, int]
    changes: list[OutcomeChange]

    @field_serializer("evaluated_at")
    def _utc_seconds(self, value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
