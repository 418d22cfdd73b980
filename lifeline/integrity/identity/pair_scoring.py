"""The linkage model scored in Python for a handful of pairs, as Splink's SQL would score them."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlglot
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler, Levenshtein
from sqlglot import expressions as exp

from lifeline.integrity.identity.linkage import VETO_GIVEN_LEVELS, VETO_LIFTED_BY, prior_for_size

Record = dict[str, Any]
Condition = Callable[[Record, Record], Any]


def _none_if_any_none(function: Callable[..., Any]) -> Callable[..., Any]:
    return lambda *values: None if any(v is None for v in values) else function(*values)


def _and(left: Any, right: Any) -> bool | None:
    if left is False or right is False:
        return False
    return None if left is None or right is None else True


def _or(left: Any, right: Any) -> bool | None:
    if left is True or right is True:
        return True
    return None if left is None or right is None else False


# SQL three-valued logic: a null operand makes a comparison or function null (not true).
_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    exp.EQ: _none_if_any_none(lambda a, b: a == b),
    exp.GTE: _none_if_any_none(lambda a, b: a >= b),
    exp.LTE: _none_if_any_none(lambda a, b: a <= b),
    exp.Sub: _none_if_any_none(lambda a, b: a - b),
    exp.And: _and,
    exp.Or: _or,
    exp.JarowinklerSimilarity: _none_if_any_none(JaroWinkler.similarity),
    exp.Levenshtein: _none_if_any_none(Levenshtein.distance),
}
_UNARY: dict[type, Callable[[Any], Any]] = {
    exp.Abs: _none_if_any_none(abs),
    exp.Length: _none_if_any_none(len),
    exp.ArraySize: _none_if_any_none(len),
    exp.Paren: lambda value: value,
}
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "damerau_levenshtein": _none_if_any_none(DamerauLevenshtein.distance),
    "list_intersect": _none_if_any_none(lambda a, b: sorted(set(a) & set(b))),
}


def _compile(node: exp.Expr) -> Condition:
    """A Python function of (left record, right record) for one of Splink's level SQL
    expressions; anything outside the small subset the model uses is refused."""
    if isinstance(node, exp.Column):
        name = node.name
        column, side = name[:-2], name[-2:]
        if side == "_l":
            return lambda left, right: left[column]
        if side == "_r":
            return lambda left, right: right[column]
    elif isinstance(node, exp.Literal):
        value: Any = node.this if node.is_string else float(node.this)
        return lambda left, right: value
    elif isinstance(node, exp.Null):
        return lambda left, right: None
    elif isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
        this = _compile(node.this)
        return lambda left, right: this(left, right) is None
    elif type(node) in _BINARY:
        apply2, a, b = _BINARY[type(node)], _compile(node.this), _compile(node.expression)
        return lambda left, right: apply2(a(left, right), b(left, right))
    elif type(node) in _UNARY:
        apply1, inner = _UNARY[type(node)], _compile(node.this)
        return lambda left, right: apply1(inner(left, right))
    elif isinstance(node, exp.Anonymous) and node.name.lower() in _FUNCTIONS:
        function = _FUNCTIONS[node.name.lower()]
        arguments = [_compile(argument) for argument in node.expressions]
        return lambda left, right: function(*(arg(left, right) for arg in arguments))
    raise ValueError(f"Level SQL not supported by the Python scorer: {node.sql('duckdb')}")


@dataclass(frozen=True)
class _Level:
    condition: Condition | None  # None: the ELSE level
    weight: float
    tf_column: str | None
    tf_weight: float
    log2_u: float
    tf_minimum: float

    def match_weight(self, left: Record, right: Record) -> float:
        if self.tf_column is None:
            return self.weight
        shares = [left.get(f"tf_{self.tf_column}"), right.get(f"tf_{self.tf_column}")]
        known = [share for share in shares if share is not None]
        if not known:
            return self.weight
        share = max(*known, self.tf_minimum)
        return self.weight + self.tf_weight * (self.log2_u - math.log2(share))


def _level(level: dict[str, Any]) -> _Level:
    condition = level["sql_condition"]
    is_null = bool(level.get("is_null_level"))
    m, u = float(level.get("m_probability") or 1.0), float(level.get("u_probability") or 1.0)
    return _Level(
        condition=None if condition == "ELSE" else _compile(sqlglot.parse_one(condition, "duckdb")),
        weight=0.0 if is_null else math.log2(m / u),
        tf_column=level.get("tf_adjustment_column"),
        tf_weight=float(level.get("tf_adjustment_weight") or 1.0),
        log2_u=0.0 if is_null else math.log2(u),
        tf_minimum=float(level.get("tf_minimum_u_value") or 0.0),
    )


class PairScorer:
    """Match probabilities of one record against a few others with the trained model: the
    same levels, weights, term-frequency adjustments and prior as the batch SQL, evaluated in
    Python, because building and planning Splink's SQL costs more than a handful of pairs."""

    def __init__(self, model: dict[str, Any], n_records: int) -> None:
        self._comparisons = {
            comparison["output_column_name"]: [_level(lv) for lv in comparison["comparison_levels"]]
            for comparison in model["comparisons"]
        }
        prior = prior_for_size(model, n_records)
        self._prior_weight = math.log2(prior / (1 - prior))

    def _level_index(self, name: str, left: Record, right: Record) -> int:
        levels = self._comparisons[name]
        for index, level in enumerate(levels):
            if level.condition is None or level.condition(left, right) is True:
                return index
        return len(levels) - 1

    def score(self, left: Record, right: Record) -> tuple[float, bool]:
        """The pair's match probability, and whether the given-name veto holds it apart."""
        weight = self._prior_weight
        index_of = {}
        for name, levels in self._comparisons.items():
            index = index_of[name] = self._level_index(name, left, right)
            weight += levels[index].match_weight(left, right)
        n_given = len(self._comparisons["given_name"])
        vetoed = index_of["given_name"] in {n_given + i for i in VETO_GIVEN_LEVELS} and not any(
            index_of[name] == index for name, index in VETO_LIFTED_BY
        )
        odds = 2.0 ** -abs(weight)  # never overflows, whatever the sign of the weight
        probability = 1.0 / (1.0 + odds) if weight >= 0 else odds / (1.0 + odds)
        return probability, vetoed

    def matches(
        self, left: Record, candidates: Sequence[Record], threshold: float
    ) -> list[tuple[Record, float]]:
        """The candidates at or above the threshold whose given names are not vetoed."""
        found = []
        for right in candidates:
            probability, vetoed = self.score(left, right)
            if probability >= threshold and not vetoed:
                found.append((right, probability))
        return found
