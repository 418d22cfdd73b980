"""Audit actions: one enum of every action written, kept to the stored strings."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from lifeline.audit.actions import AuditAction, UnknownAuditAction
from lifeline.audit.services import _PATTERNS
from lifeline.intake.enums import RequestStatus
from lifeline.integrity.models import FlagStatus

ROOT = Path(__file__).resolve().parents[3]
BASELINE = ROOT / "tests" / "journeys" / "baseline.json"
# Calls whose `action` is an audit action (argparse's `add_argument(action=...)` is not).
AUDIT_CALLS = {
    "record_audit_event",
    "AuditEventDraft",
    "audit_subject",
    "audit_draft",
    "RequestEvent",
}


def _app_modules() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "lifeline").rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal_actions(path: Path) -> list[str]:
    """Where `path` hands an audit call a str (literal or f-string) as its action."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _called_name(node) not in AUDIT_CALLS:
            continue
        candidates = [kw.value for kw in node.keywords if kw.arg == "action"]
        candidates += [arg for arg in node.args if isinstance(arg, ast.Constant | ast.JoinedStr)]
        for value in candidates:
            is_str = isinstance(value, ast.JoinedStr) or (
                isinstance(value, ast.Constant) and isinstance(value.value, str)
            )
            if is_str:
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                found.append(f"{where}:{value.lineno}")
    return found


@pytest.mark.parametrize("action", list(AuditAction), ids=str)
def test_every_action_matches_the_stored_action_pattern(action: AuditAction) -> None:
    assert _PATTERNS["action"].fullmatch(action.value)


def test_every_action_in_the_recorded_journeys_is_a_member() -> None:
    text = BASELINE.read_text(encoding="utf-8")
    recorded = set(re.findall(r'"action": "([^"]+)"', text))
    journeys = json.loads(text)
    assert recorded and journeys
    assert sorted(recorded - {action.value for action in AuditAction}) == []


def test_no_module_passes_a_string_as_an_audit_action() -> None:
    assert [spot for path in _app_modules() for spot in _literal_actions(path)] == []


def test_the_ast_check_catches_a_string_action(tmp_path: Path) -> None:
    module = ROOT / "lifeline" / "_probe_for_test.py"
    source = (
        'audit_subject(x, actor=None, action="request.viewed")\nRequestEvent(None, f"a.{b}", {})\n'
    )
    try:
        module.write_text(source, encoding="utf-8")
        assert len(_literal_actions(module)) == 2
    finally:
        module.unlink()


@pytest.mark.parametrize("status", [s for s in RequestStatus if s != RequestStatus.DRAFT])
def test_each_status_a_request_can_move_to_has_its_action(status: RequestStatus) -> None:
    assert AuditAction.for_request_status(status).value == f"request.{status}"


@pytest.mark.parametrize("status", ["draft", "created", "viewed", "nonsense", ""])
def test_a_status_with_no_move_action_is_refused(status: str) -> None:
    with pytest.raises(UnknownAuditAction):
        AuditAction.for_request_status(status)


@pytest.mark.parametrize("status", [FlagStatus.CONFIRMED, FlagStatus.DISMISSED])
def test_each_flag_decision_has_its_action(status: FlagStatus) -> None:
    assert AuditAction.for_flag_decision(status).value == f"integrity.flag_{status}"


def test_an_open_flag_is_no_decision() -> None:
    with pytest.raises(UnknownAuditAction):
        AuditAction.for_flag_decision(FlagStatus.OPEN)


def test_values_are_unique() -> None:
    values = [action.value for action in AuditAction]
    assert len(values) == len(set(values))
