"""What an evaluation returns: the pre-screen JSON and the what-if report."""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, field_serializer

Outcome = Literal[
    "not_accepted", "route_elsewhere", "not_eligible", "needs_information", "meets_criteria"
]
RuleOutcome = Literal["pass", "fail", "unknown", "not_applicable"]

# Strongest first: the outcome of a request is the strongest one any rule produced.
OUTCOME_PRECEDENCE: tuple[Outcome, ...] = (
    "not_accepted",
    "route_elsewhere",
    "not_eligible",
    "needs_information",
    "meets_criteria",
)


class RuleRun(NamedTuple):
    """One rule's result with what it means on failure; plain, for cheap bulk evaluation."""

    id: str
    result: str
    explanation: str
    citation: str
    effect: str
    route_to: str | None


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleResult(_Result):
    id: str
    result: RuleOutcome
    explanation: str
    citation: str


class FeeLine(_Result):
    kind: str
    amount_usd: int
    waivable: bool
    reason: str


class PrescreenResult(_Result):
    outcome: Outcome
    program: str
    program_version: str
    evaluated_at: dt.datetime
    route_to: str | None
    parole_max_days: int
    fees: list[FeeLine]
    rules: list[RuleResult]

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
