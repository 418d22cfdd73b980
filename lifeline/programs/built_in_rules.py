"""The primary authority of each rule the evaluator adds itself (policies/built_in_rules.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from lifeline.programs.citations import Citation
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.policy_sections import Identifier
from lifeline.programs.results import AnswerCitation
from lifeline.programs.yaml_source import YamlUnreadable, read_yaml

BUILT_IN_RULES_FILE = Path(__file__).resolve().parents[2] / "policies" / "built_in_rules.yaml"


class _BuiltInRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    citation: Citation


class _BuiltInRulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[_BuiltInRule] = Field(min_length=1)


@cache
def _citations() -> dict[str, AnswerCitation]:
    try:
        data = read_yaml(BUILT_IN_RULES_FILE.read_text(encoding="utf-8")).data
    except YamlUnreadable as exc:
        raise PolicyFileInvalid(f"policies/built_in_rules.yaml: {exc.message}") from None
    parsed = _BuiltInRulesFile.model_validate(data)
    return {rule.id: AnswerCitation.of(rule.citation) for rule in parsed.rules}


def built_in_citation(rule_id: str) -> AnswerCitation:
    """The citation of a built-in rule, read once; a rule missing from the file is an error."""
    return _citations()[rule_id]
