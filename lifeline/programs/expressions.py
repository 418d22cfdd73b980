"""CEL for policy rules: the helper functions, compile-once programs and static reference checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import cel

ROOT_VARIABLES = ("doc", "facts", "params")


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def age_on(birth_on: str, on: str) -> int:
    """Whole years between a birth date and a date (ISO strings)."""
    birth, day = _date(birth_on), _date(on)
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def days_between(start_on: str, end_on: str) -> int:
    """Days from `start_on` to `end_on`; negative when `end_on` is earlier."""
    return (_date(end_on) - _date(start_on)).days


def add_days(on: str, days: int) -> str:
    return (_date(on) + dt.timedelta(days=days)).isoformat()


def add_years(on: str, years: int) -> str:
    """The same calendar day `years` later (or earlier); 29 February becomes 28 February."""
    day = _date(on)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def countries_on(history: list[dict[str, Any]], on: str) -> list[str]:
    """Countries a residence history places the person in on a date."""
    return [
        entry["country"]
        for entry in history
        if entry["from_on"] <= on and entry.get("until_on", "9999-12-31") >= on
    ]


HELPERS: dict[str, Callable[..., Any]] = {
    "age_on": age_on,
    "days_between": days_between,
    "add_days": add_days,
    "add_years": add_years,
    "countries_on": countries_on,
}

# Named CEL standard functions rules may call (operators are reported as `_x_`, `@x` or `!_`).
_STANDARD_FUNCTIONS = frozenset(
    {
        "size",
        "contains",
        "startsWith",
        "endsWith",
        "matches",
        "int",
        "uint",
        "double",
        "string",
        "bool",
        "bytes",
        "timestamp",
        "duration",
        "type",
        "dyn",
        "max",
        "min",
    }
)
_TYPE_NAMES = frozenset({"int", "uint", "double", "bool", "string", "bytes", "list", "map", "type"})
_MACRO_BINDING = re.compile(r"\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)\s*,")
STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PARSER_LOCATION = re.compile(r"<input>:(\d+):(\d+): (.*)")
_PATH = re.compile(r"(?<![\w.])(doc|facts|params)((?:\s*\.\s*[A-Za-z_]\w*)*)(\s*\()?")


_PRESENCE_TEST = re.compile(
    r"^(?:has\(\s*doc((?:\.[A-Za-z_]\w*)+)\s*\)|doc((?:\.[A-Za-z_]\w*)+)\s*!=\s*''\s*)$"
)


def top_level_conjuncts(source: str) -> list[str]:
    """The parts of `source` joined by `&&` outside brackets and strings (itself if none)."""
    masked = STRING_LITERAL.sub(lambda match: "_" * len(match.group()), source)
    parts: list[str] = []
    depth = start = 0
    for index, char in enumerate(masked):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and masked.startswith("&&", index):
            parts.append(source[start:index])
            start = index + 2
    parts.append(source[start:])
    return [part.strip() for part in parts]


@dataclass(frozen=True, slots=True)
class PresenceTests:
    """The top-level conjuncts of a rule's expression that only test whether a request fact was
    given (`has(doc.x)`, or `doc.x != ''` for a text left empty when not stated), each as
    (the fact, its test), and the other conjuncts joined (None if there are none).

    Such a test that does not hold while the other conjuncts hold means the fact is unknown,
    not that it is false."""

    tests: tuple[tuple[str, cel.Program], ...] = ()
    others: cel.Program | None = None

    def absent(self, context: cel.Context) -> str | None:
        """The first fact not given, if the rest of the expression holds; else None."""
        missing = next(
            (fact for fact, test in self.tests if test.execute(context) is not True), None
        )
        if missing is None or (
            self.others is not None and self.others.execute(context) is not True
        ):
            return None
        return missing


def presence_tests(source: str) -> PresenceTests:
    tests: list[tuple[str, cel.Program]] = []
    others: list[str] = []
    for part in top_level_conjuncts(source):
        match = _PRESENCE_TEST.match(part)
        if match is None:
            others.append(f"({part})")
        else:
            path = (match.group(1) or match.group(2)).lstrip(".")
            tests.append((path, cel.compile(part)))
    if not tests:
        return PresenceTests()
    return PresenceTests(tuple(tests), cel.compile(" && ".join(others)) if others else None)


class ExpressionInvalid(ValueError):
    """A CEL expression that does not compile or names something that does not exist."""


@dataclass(frozen=True)
class CompiledExpression:
    source: str
    program: cel.Program

    def run(self, context: cel.Context) -> Any:
        return self.program.execute(context)


@dataclass(frozen=True)
class Vocabulary:
    """What an expression may name: fields of the request document, facts and params."""

    doc_fields: dict[str, Any]
    fact_names: frozenset[str]
    param_names: frozenset[str]


def compile_expression(source: str, vocabulary: Vocabulary) -> CompiledExpression:
    """Compile `source` once, refusing syntax errors, unknown helpers and unknown names."""
    try:
        program = cel.compile(source)
    except ValueError as exc:
        raise ExpressionInvalid(_syntax_message(str(exc))) from None
    _check_functions(program.functions())
    bound = set(_MACRO_BINDING.findall(source))
    unknown = [
        name
        for name in program.variables()
        if name not in ROOT_VARIABLES and name not in bound and name not in _TYPE_NAMES
    ]
    if unknown:
        raise ExpressionInvalid(
            f"unknown variable {unknown[0]!r}; rules may use only {', '.join(ROOT_VARIABLES)} "
            "and names bound by all/exists/exists_one/map/filter"
        )
    _check_paths(STRING_LITERAL.sub("''", source), vocabulary)
    return CompiledExpression(source=source, program=program)


def _syntax_message(raw: str) -> str:
    """`CEL syntax error at column 17: mismatched input '<EOF>'` from the parser's report."""
    first = raw.split(": ERROR: ", 1)[-1].splitlines()[0]
    located = _PARSER_LOCATION.match(first)
    if located is None:
        return f"CEL syntax error: {first}"
    problem = located.group(3).removeprefix("Syntax error: ").split(" expecting ", 1)[0]
    return f"CEL syntax error at column {located.group(2)}: {problem}"


def _check_functions(functions: Iterable[str]) -> None:
    for name in functions:
        if name[0] in "_@!" or name in _STANDARD_FUNCTIONS or name in HELPERS:
            continue
        raise ExpressionInvalid(
            f"undefined helper {name!r}; available helpers: {', '.join(sorted(HELPERS))}"
        )


def _check_paths(source: str, vocabulary: Vocabulary) -> None:
    """Check `doc.a.b`, `facts.x` and `params.y` against what exists (up to the first list)."""
    for match in _PATH.finditer(source):
        root, path, call = match.group(1), match.group(2), match.group(3)
        segments = [part.strip() for part in path.split(".") if part.strip()]
        if call and segments:
            segments = segments[:-1]  # the last name is a method such as exists(...)
        if not segments:
            continue
        if root == "facts" and segments[0] not in vocabulary.fact_names:
            raise ExpressionInvalid(
                f"unknown fact 'facts.{segments[0]}'; known facts: "
                f"{', '.join(sorted(vocabulary.fact_names))}"
            )
        if root == "params" and segments[0] not in vocabulary.param_names:
            raise ExpressionInvalid(
                f"unknown parameter 'params.{segments[0]}'; this version's params are: "
                f"{', '.join(sorted(vocabulary.param_names)) or '(none)'}"
            )
        if root == "doc":
            _check_doc_path(segments, vocabulary.doc_fields)


def _check_doc_path(segments: list[str], fields: dict[str, Any]) -> None:
    node: dict[str, Any] | None = fields
    walked = "doc"
    for segment in segments:
        if node is None:  # a list or a plain value: the rest cannot be checked statically
            return
        if segment not in node:
            raise ExpressionInvalid(
                f"'{walked}.{segment}' is not a field of the request document"
                + (f"; fields here: {', '.join(sorted(node))}" if node else "")
            )
        node = node[segment]
        walked = f"{walked}.{segment}"
