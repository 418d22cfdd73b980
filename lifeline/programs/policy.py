"""The policy file format: one program version as typed, validated data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, StringConstraints

from lifeline.programs.citations import Citation
from lifeline.programs.expressions import CompiledExpression, presence_tests
from lifeline.programs.policy_sections import (
    Adjudication,
    Cap,
    Category,
    CompiledFee,
    CompiledRule,
    Effect,
    EvidenceItem,
    Expression,
    Identifier,
    IntakeChange,
    Parole,
    ProgramFee,
    ReasonCode,
    RequestKind,
    Sentence,
    Slug,
    Strict,
    Termination,
    Uncertainty,
    VersionId,
    compile_exemptions,
)
from lifeline.programs.projection import usage_tree
from lifeline.programs.results import AnswerCitation


class Rule(Strict):
    id: Identifier
    expression: Expression
    when: Expression | None = None
    effect: Effect
    route_to: Annotated[str, StringConstraints(min_length=2, max_length=80)] | None = None
    explanation: Sentence
    citation: Citation
    _expression: CompiledExpression | None = PrivateAttr(None)
    _when: CompiledExpression | None = PrivateAttr(None)


class ProgramVersionPolicy(Strict):
    """One version of one program, in force from `effective_from` until the next version."""

    program: Slug
    version: VersionId
    title: Sentence
    summary: Sentence
    effective_from: dt.date
    effective_until: dt.date | None = None
    checked_on: dt.date = Field(
        description="When the citations were last checked against the texts."
    )
    cut_off_on: dt.date = Field(
        description="The last publication date of the legal texts this version takes into account."
    )
    intake: list[IntakeChange] = Field(min_length=1)
    request_kinds: list[RequestKind] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    evidence: dict[Literal["all"] | Category, list[EvidenceItem]]
    caps: list[Cap] = Field(default_factory=list)
    parole: Parole
    termination: Termination | None = None
    adjudication: Adjudication
    fees: list[ProgramFee] = Field(min_length=1)
    params: dict[Identifier, Any] = Field(default_factory=dict)
    rules: list[Rule] = Field(min_length=1)
    uncertainties: list[Uncertainty] = Field(default_factory=list)
    sources: list[Sentence] = Field(min_length=1)
    _source_name: str = PrivateAttr("")
    _source_text: str = PrivateAttr("")
    _cel_params: dict[str, Any] = PrivateAttr(default_factory=dict)
    _compiled_rules: tuple[CompiledRule, ...] = PrivateAttr(())
    _compiled_fees: tuple[CompiledFee, ...] = PrivateAttr(())
    _usage: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def source_name(self) -> str:
        return self._source_name

    @property
    def source_text(self) -> str:
        return self._source_text

    @property
    def cel_params(self) -> dict[str, Any]:
        """`params` as rules see them, with the parole figures added."""
        return self._cel_params

    @property
    def compiled_rules(self) -> tuple[CompiledRule, ...]:
        return self._compiled_rules

    @property
    def compiled_fees(self) -> tuple[CompiledFee, ...]:
        return self._compiled_fees

    @property
    def usage(self) -> dict[str, Any]:
        """The parts of a request this version's expressions read (see projection.py)."""
        return self._usage

    def finish_loading(self, *, params: dict[str, Any], source_name: str, source_text: str) -> None:
        """Called by the loader once every expression compiled: freeze the run-time plan."""
        self._cel_params = params
        self._source_name = source_name
        self._source_text = source_text
        self._compiled_rules = tuple(
            CompiledRule(
                rule.id,
                rule._when,
                rule._expression,
                rule.effect,
                rule.route_to,
                rule.explanation,
                AnswerCitation.of(rule.citation),
                presence_tests(rule._expression.source),
            )
            for rule in self.rules
            if rule._expression is not None
        )
        self._compiled_fees = tuple(
            CompiledFee(
                fee.kind,
                fee._applies_when,
                fee.not_applicable_reason or "Not charged.",
                AnswerCitation.of(fee.not_applicable_citation)
                if fee.not_applicable_citation
                else None,
                compile_exemptions(fee.exemptions),
            )
            for fee in self.fees
        )
        self._usage = usage_tree(source for *_, source in expression_slots(self))

    def is_in_window(self, on: dt.date) -> bool:
        """Whether `on` falls between effective_from and an explicit effective_until."""
        return self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until
        )

    def intake_on(self, on: dt.date, kind: str) -> IntakeChange:
        """The intake status in force for `kind` on `on` (the first entry before the version)."""
        current = self.intake[0]
        for change in self.intake:
            if change.starts_on > on:
                break
            if change.kinds is None or kind in change.kinds:
                current = change
        return current

    def evidence_items(self, category: str, kind: str) -> list[EvidenceItem]:
        """Evidence for every request of this kind, then for its category."""
        items = [*self.evidence.get("all", []), *self.evidence.get(category, [])]  # type: ignore[call-overload]
        return [item for item in items if item.kinds is None or kind in item.kinds]

    def reason_code(self, code: str) -> ReasonCode | None:
        return next(
            (reason for reason in self.adjudication.reason_codes if reason.code == code), None
        )


def expression_slots(
    policy: ProgramVersionPolicy,
) -> Iterator[tuple[tuple[str | int, ...], Any, str, str]]:
    """(path in the file, owner, private attribute, CEL source) for every expression."""
    for index, rule in enumerate(policy.rules):
        yield ("rules", index, "expression"), rule, "_expression", rule.expression
        if rule.when is not None:
            yield ("rules", index, "when"), rule, "_when", rule.when
    for category, items in policy.evidence.items():
        for index, item in enumerate(items):
            if item.when is not None:
                yield ("evidence", category, index, "when"), item, "_when", item.when
    for f_index, fee in enumerate(policy.fees):
        if fee.applies_when is not None:
            yield ("fees", f_index, "applies_when"), fee, "_applies_when", fee.applies_when
        for e_index, exemption in enumerate(fee.exemptions):
            where = ("fees", f_index, "exemptions", e_index, "when")
            yield where, exemption, "_when", exemption.when
