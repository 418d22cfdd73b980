"""No code outside the writers assigns a status or state field, so no move skips its table."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import lifeline

ROOT = Path(lifeline.__file__).parent
FIELDS = frozenset({"status", "state"})
SQL_SET = re.compile(r"\bSET\b[^;]*?\b(status|state)\s*=", re.IGNORECASE | re.DOTALL)

# The writers of the tabled entities: each checks its transition table before it writes.
TABLE_WRITERS = {
    "intake/submission.py": {"request"},
    "intake/services.py": {"request", "SQL"},
    "triage/workflow.py": {"case", "update"},
    "triage/services.py": {"SQL"},  # the assignment UPDATE writes a state set by the table
    "adjudication/workflow.py": {"decision", "evidence_request", "update"},
    "parole/workflow.py": {"term"},
    "pathways/workflow.py": {"change"},
}
# Writers of other models' statuses, with no table (yet): a new one is a choice to review.
OTHER_MODELS = {
    # PublishedVersion; `update` keeps a draft as a draft (others refused under the row lock).
    "programs/services.py": {"row", "update"},
    "supporters/services.py": {"declaration"},  # SupporterDeclaration
    "integrity/services.py": {"flag"},  # IntegrityFlag
    # Notification; `update` withdraws the reminders of a moved date not yet sent or read.
    "notifications/services.py": {"notification", "update"},
    "notifications/worker.py": {"result"},  # TaskResult
    "triage/services.py": {"expedite"},  # ExpediteRequest
    "portal/views_wizard.py": {"update"},  # a template context's HTTP status, not a model
    "pathways/engine.py": {"draft", "state"},  # an answer being built in memory, not a model
    "programs/timeline.py": {"state"},  # a designation's status on a date, computed in memory
}


def _modules() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _targets(node: ast.AST) -> Iterator[ast.expr]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            yield from _flatten(target)
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        yield from _flatten(node.target)


def _flatten(target: ast.expr) -> Iterator[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _flatten(element)
    else:
        yield target


def _receiver(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ast.unparse(node)


def _names_a_field(keyword: ast.keyword) -> bool:
    """`defaults={"status": ...}` writes the field on update as surely as a keyword does."""
    return (
        keyword.arg == "defaults"
        and isinstance(keyword.value, ast.Dict)
        and any(isinstance(key, ast.Constant) and key.value in FIELDS for key in keyword.value.keys)
    )


def _writes(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, who) for every write of a status or state field in a module."""
    for node in ast.walk(tree):
        for target in _targets(node):
            if isinstance(target, ast.Attribute) and target.attr in FIELDS:
                yield node.lineno, _receiver(target.value)
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name in {"update", "update_or_create"} and any(
                keyword.arg in FIELDS or _names_a_field(keyword) for keyword in node.keywords
            ):
                yield node.lineno, "update"
            if name == "bulk_update" and any(
                isinstance(sub, ast.Constant) and sub.value in FIELDS for sub in ast.walk(node)
            ):
                yield node.lineno, "bulk_update"
            if (
                isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in FIELDS
            ):
                yield node.lineno, "setattr"
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_SET.search(node.value)
        ):
            yield node.lineno, "SQL"


def _unexpected_writes() -> list[str]:
    found = []
    for path in _modules():
        module = path.relative_to(ROOT).as_posix()
        allowed = TABLE_WRITERS.get(module, set()) | OTHER_MODELS.get(module, set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{module}:{line} ({who})" for line, who in _writes(tree) if who not in allowed]
    return found


def test_only_the_writers_assign_a_status_or_a_state() -> None:
    assert _unexpected_writes() == []


def test_the_guard_sees_assignments_updates_and_sql() -> None:
    source = """
case.state = "done"
request.status, request.version = "approved", 2
ParoleTerm.objects.filter(pk=1).update(status="ended")
Change.objects.update_or_create(version="v", defaults={"title": "t", "status": "reviewed"})
Decision.objects.bulk_update(rows, ["status"])
setattr(term, "status", "ended")
cursor.execute("UPDATE t SET version = 1, state = 'done' WHERE id = 1")
"""
    assert [who for _, who in sorted(_writes(ast.parse(source)))] == [
        "case",
        "request",
        "update",
        "update",
        "bulk_update",
        "setattr",
        "SQL",
    ]
