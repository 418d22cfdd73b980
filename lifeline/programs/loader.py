"""Read one policy or fee file: parse, validate, compile its CEL once, or refuse it precisely."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from lifeline.programs.checks import version_problems
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.expressions import ExpressionInvalid, compile_expression
from lifeline.programs.facts import vocabulary
from lifeline.programs.fees import FeeSchedule
from lifeline.programs.policy import ProgramVersionPolicy, expression_slots
from lifeline.programs.probes import probe_problems
from lifeline.programs.yaml_source import YamlDocument, YamlUnreadable, read_yaml

Path = Sequence[str | int]
Problem = tuple[Path, str]
_MAX_REPORTED = 5
# Parameters every version gets from its own parole section.
AUTO_PARAMS = ("parole_max_days", "reparole_window_days")


def read_program_version(
    text: str, *, source_name: str, fee_kinds: frozenset[str], check_location: bool = True
) -> ProgramVersionPolicy:
    """A program version from YAML text, compiled; refuses any mistake with file, line and rule."""
    document = _read(text, source_name)
    policy = _validate(ProgramVersionPolicy, document, source_name)
    problems = version_problems(policy, fee_kinds=fee_kinds, auto_params=AUTO_PARAMS)
    if check_location:
        problems += _file_name_problems(policy, source_name)
    if not problems:
        problems = _compile(policy)
    if not problems:
        params = {**policy.params, "parole_max_days": policy.parole.max_days}
        if policy.parole.reparole_window_days is not None:
            params["reparole_window_days"] = policy.parole.reparole_window_days
        policy.finish_loading(params=params, source_name=source_name, source_text=text)
        problems = probe_problems(policy)
    _refuse_if(problems, document, source_name)
    return policy


def read_fee_schedule(text: str, *, source_name: str) -> FeeSchedule:
    document = _read(text, source_name)
    schedule = _validate(FeeSchedule, document, source_name)
    problems: list[Problem] = []
    for f_index, fee in enumerate(schedule.fees):
        for e_index, exemption in enumerate(fee.exemptions):
            where = ("fees", f_index, "exemptions", e_index, "when")
            try:
                exemption._when = compile_expression(exemption.when, vocabulary(frozenset()))
            except ExpressionInvalid as exc:
                problems.append((where, f"exemption {exemption.id!r}: {exc}"))
    if PurePath(source_name).suffix and PurePath(source_name).stem != schedule.version:
        problems.append((("version",), f"the file must be named {schedule.version}.yaml"))
    _refuse_if(problems, document, source_name)
    return schedule


def _read(text: str, source_name: str) -> YamlDocument:
    try:
        return read_yaml(text)
    except YamlUnreadable as exc:
        line = f", line {exc.line}" if exc.line else ""
        raise PolicyFileInvalid(f"{source_name}{line}: {exc.message}") from None


def _validate[M: BaseModel](model: type[M], document: YamlDocument, source_name: str) -> M:
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()]
        _refuse_if(problems, document, source_name)
        raise AssertionError("unreachable") from exc


def _describe(error: Any) -> Problem:
    path = [step for step in error["loc"] if isinstance(step, int) or "[" not in step]
    dotted = ".".join(str(step) for step in path)
    if error["type"] == "extra_forbidden":
        return path, f"unknown key {path[-1]!r}"
    if error["type"] == "missing":
        return path, f"missing key {dotted!r}"
    value = error.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float | bool) else ""
    if error["type"].startswith("date"):
        return path, f"{dotted}: bad date{shown}: {error['msg']}"
    return path, f"{dotted}: {error['msg']}{shown}"


def _file_name_problems(policy: ProgramVersionPolicy, source_name: str) -> list[Problem]:
    path = PurePath(source_name)
    if not path.suffix:  # text published from the web, not a file
        return []
    problems: list[Problem] = []
    if path.stem != policy.version:
        problems.append((("version",), f"the file must be named {policy.version}.yaml"))
    if path.parent.name != policy.program:
        problems.append(
            (("program",), f"the file must be in the folder policies/{policy.program}/")
        )
    return problems


def _compile(policy: ProgramVersionPolicy) -> list[Problem]:
    words = vocabulary(frozenset({*policy.params, *AUTO_PARAMS}))
    problems: list[Problem] = []
    for path, owner, attribute, source in expression_slots(policy):
        try:
            setattr(owner, attribute, compile_expression(source, words))
        except ExpressionInvalid as exc:
            problems.append((path, f"{path[-1]}: {exc}"))
    return problems


def _refuse_if(problems: list[Problem], document: YamlDocument, source_name: str) -> None:
    if not problems:
        return
    lines = []
    for path, message in problems[:_MAX_REPORTED]:
        lines.append(
            f"{source_name}, line {document.line_of(path)}{_owner(path, document)}: {message}"
        )
    if len(problems) > _MAX_REPORTED:
        lines.append(f"... and {len(problems) - _MAX_REPORTED} more")
    raise PolicyFileInvalid("; ".join(lines), details={"file": source_name})


def _owner(path: Path, document: YamlDocument) -> str:
    """ ", rule 'x'" when the problem sits inside a rule (or another item with an id)."""
    if len(path) < 2 or not isinstance(path[1], int):
        return ""
    items = document.data.get(str(path[0]))
    if not isinstance(items, list) or not 0 <= path[1] < len(items):
        return ""
    item = items[path[1]]
    item_id = item.get("id", item.get("kind")) if isinstance(item, dict) else None
    if item_id is None:
        return ""
    noun = {"rules": "rule", "fees": "fee"}.get(str(path[0]), str(path[0]).rstrip("s"))
    return f", {noun} {item_id!r}"
