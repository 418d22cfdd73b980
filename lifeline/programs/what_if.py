"""The what-if comparison: pending requests of a program under its current version and a draft."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import cast

from lifeline.core import clock
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import later_versions, run_rules
from lifeline.programs.facts import build_context
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.projection import merge
from lifeline.programs.registry import Registry, get_registry
from lifeline.programs.results import (
    OutcomeChange,
    RuleChange,
    RuleOutcome,
    RuleRun,
    WhatIfReport,
)

_NEUTRAL = {None, "pass", "not_applicable"}


def compare_versions(
    documents: Iterable[tuple[str, RequestDocument]],
    *,
    draft: ProgramVersionPolicy,
    evaluated_at: dt.datetime | None = None,
    registry: Registry | None = None,
) -> WhatIfReport:
    """Each (reference, document) of the draft's program under its current version and the draft.

    The draft is applied as if it had been in force on each request's filing date, so a
    rule, pause or window change shows on every pending request it would touch.
    """
    registry = registry or get_registry()
    evaluated_at = (evaluated_at or clock.now()).replace(microsecond=0)
    current_versions = (
        registry.versions(draft.program) if draft.program in registry.programs() else []
    )
    usage = merge(registry.fee_usage, draft.usage, *(version.usage for version in current_versions))
    changes: list[OutcomeChange] = []
    transitions: Counter[str] = Counter()
    evaluated = skipped = 0
    for reference, document in documents:
        if document.program != draft.program:
            skipped += 1
            continue
        evaluated += 1
        current = registry.version_for_filing(document.program, document.postmarked_on)
        context = build_context(document, usage)
        # As the pre-screen does: a kind or cap a later version changes is judged with it.
        later = later_versions(registry, current)
        before, _, before_runs = run_rules(document, current, context, later=later)
        after, _, after_runs = run_rules(
            document, draft, context, is_what_if=True, later=later_versions(registry, draft)
        )
        if before == after:
            continue
        transitions[f"{before}->{after}"] += 1
        changes.append(
            OutcomeChange(
                reference=reference,
                before_version=current.version,
                before_outcome=before,  # type: ignore[arg-type]
                after_outcome=after,  # type: ignore[arg-type]
                rule_changes=_rule_changes(before_runs, after_runs),
            )
        )
    return WhatIfReport(
        program=draft.program,
        draft_version=draft.version,
        evaluated_at=evaluated_at,
        evaluated_count=evaluated,
        changed_count=len(changes),
        skipped_other_programs=skipped,
        transitions=dict(transitions),
        changes=changes,
    )


def _rule_changes(before: list[RuleRun], after: list[RuleRun]) -> list[RuleChange]:
    old = {rule.id: rule for rule in before}
    new = {rule.id: rule for rule in after}
    changes = []
    for rule_id in [*old, *(rule_id for rule_id in new if rule_id not in old)]:
        was, now = old.get(rule_id), new.get(rule_id)
        was_result = was.result if was else None
        now_result = now.result if now else None
        if was_result == now_result or {was_result, now_result} <= _NEUTRAL:
            continue  # only a change to or from fail/unknown can explain an outcome
        shown = now or was
        changes.append(
            RuleChange(
                id=rule_id,
                before=cast(RuleOutcome | None, was_result),
                after=cast(RuleOutcome | None, now_result),
                explanation=shown.explanation if shown else "",
            )
        )
    return changes
