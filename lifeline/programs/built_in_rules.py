"""The primary authority of each rule the evaluator adds itself (policies/built_in_rules.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from lifeline.programs.citations import Citation
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.policy_sections import Identifier
from lifeline.programs.results import AnswerCitation
from lifeline.programs.yaml_source import parse_policy_text

BUILT_IN_RULES_NAME = "built_in_rules.yaml"
BUILT_IN_RULES_FILE = Path(__file__).resolve().parents[2] / "policies" / BUILT_IN_RULES_NAME


class _BuiltInRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    citation: Citation


class _BuiltInRulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[_BuiltInRule] = Field(min_length=1)


# The rules added by the evaluator that cite this file (the others cite the program's own text).
CITED_HERE = frozenset({"category_accepted", "qualifies_through_principal", "filing_fee_remitted"})


def read_built_in_rules(path: Path) -> dict[str, AnswerCitation]:
    """Each built-in rule's citation; PolicyFileInvalid when the file is unreadable, a citation
    is not a primary one with a quote, or a rule of CITED_HERE is missing."""
    parsed = parse_policy_text(path.read_text(encoding="utf-8"), path.name, _BuiltInRulesFile)
    citations = {rule.id: AnswerCitation.of(rule.citation) for rule in parsed.rules}
    missing = sorted(CITED_HERE - set(citations))
    if missing:
        raise PolicyFileInvalid(f"{path.name}: no citation for {', '.join(missing)}")
    return citations


@cache
def _citations() -> dict[str, AnswerCitation]:
    return read_built_in_rules(BUILT_IN_RULES_FILE)


def built_in_citation(rule_id: str) -> AnswerCitation:
    """The citation of a built-in rule, read once; a rule missing from the file is an error."""
    return _citations()[rule_id]
