"""Checks on one program version that a schema cannot express (ids, dates, references)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_sections import BUILT_IN_RULE_IDS, CAP_RULE_PREFIX

Problem = tuple[Sequence[str | int], str]


def version_problems(
    policy: ProgramVersionPolicy, *, fee_kinds: frozenset[str], auto_params: Sequence[str]
) -> list[Problem]:
    return [
        *_identity_problems(policy),
        *_intake_problems(policy),
        *_rule_problems(policy),
        *_evidence_problems(policy),
        *_param_problems(policy, auto_params),
        *_fee_problems(policy, fee_kinds),
        *_termination_problems(policy),
        *_duplicates("caps", [cap.id for cap in policy.caps], "cap id"),
        *_duplicates(
            ("adjudication", "reason_codes"),
            [reason.code for reason in policy.adjudication.reason_codes],
            "reason code",
        ),
    ]


def _identity_problems(policy: ProgramVersionPolicy) -> list[Problem]:
    problems: list[Problem] = []
    if policy.cut_off_on > policy.checked_on:
        problems.append(
            (
                ("cut_off_on",),
                f"cut_off_on ({policy.cut_off_on}) is after checked_on ({policy.checked_on}): "
                "texts cannot be checked before they are published",
            )
        )
    if not policy.version.startswith(f"{policy.program}-"):
        problems.append(
            (
                ("version",),
                f"version must start with the program slug "
                f"'{policy.program}-' (got {policy.version!r})",
            )
        )
    if policy.effective_until is not None and policy.effective_until < policy.effective_from:
        problems.append((("effective_until",), "effective_until is before effective_from"))
    return problems


def _intake_problems(policy: ProgramVersionPolicy) -> list[Problem]:
    problems: list[Problem] = []
    first = policy.intake[0]
    if first.starts_on != policy.effective_from or first.kinds is not None:
        problems.append(
            (
                ("intake", 0, "starts_on"),
                "the first intake entry must start on "
                "effective_from and cover every request kind (no 'kinds')",
            )
        )
    for index, (before, after) in enumerate(zip(policy.intake, policy.intake[1:], strict=False)):
        if after.starts_on < before.starts_on:
            problems.append(
                (("intake", index + 1, "starts_on"), "intake entries must be in date order")
            )
    for index, change in enumerate(policy.intake):
        if policy.effective_until is not None and change.starts_on > policy.effective_until:
            problems.append(
                (("intake", index, "starts_on"), "intake entry is after effective_until")
            )
        for kind in change.kinds or []:
            if kind not in policy.request_kinds:
                problems.append(
                    (("intake", index, "kinds"), f"kind {kind!r} is not in request_kinds")
                )
    return problems


def _rule_problems(policy: ProgramVersionPolicy) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, rule in enumerate(policy.rules):
        if rule.id in seen:
            problems.append((("rules", index, "id"), f"duplicate rule id {rule.id!r}"))
        seen.add(rule.id)
        if rule.id in BUILT_IN_RULE_IDS or rule.id.startswith(CAP_RULE_PREFIX):
            problems.append(
                (
                    ("rules", index, "id"),
                    f"rule id {rule.id!r} is reserved for the evaluator's own intake checks",
                )
            )
        if (rule.effect == "route_elsewhere") != (rule.route_to is not None):
            problems.append(
                (
                    ("rules", index, "route_to"),
                    "route_to is required with effect route_elsewhere and allowed only there",
                )
            )
    return problems


def _evidence_problems(policy: ProgramVersionPolicy) -> list[Problem]:
    problems: list[Problem] = []
    for category in policy.evidence:
        if category != "all" and category not in policy.categories:
            problems.append(
                (
                    ("evidence", category),
                    f"evidence for category {category!r}, which is not in categories",
                )
            )
    ids = [item.id for items in policy.evidence.values() for item in items]
    problems += _duplicates("evidence", ids, "evidence id")
    return problems


def _param_problems(policy: ProgramVersionPolicy, auto_params: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    for name, value in policy.params.items():
        if name in auto_params:
            problems.append(
                (
                    ("params", name),
                    f"parameter {name!r} is set from the parole section; choose another name",
                )
            )
        if name.endswith("_on"):
            values = value.values() if isinstance(value, dict) else [value]
            problems += [
                (("params", name), f"params.{name}: bad date {bad!r} (write YYYY-MM-DD)")
                for bad in values
                if not _is_iso_date(bad)
            ]
    return problems


def _is_iso_date(value: Any) -> bool:
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _fee_problems(policy: ProgramVersionPolicy, fee_kinds: frozenset[str]) -> list[Problem]:
    problems: list[Problem] = list(
        _duplicates("fees", [fee.kind for fee in policy.fees], "fee kind")
    )
    for index, fee in enumerate(policy.fees):
        if fee.kind not in fee_kinds:
            problems.append(
                (
                    ("fees", index, "kind"),
                    f"fee kind {fee.kind!r} is not in the "
                    f"shared fee schedule (known: {', '.join(sorted(fee_kinds))})",
                )
            )
        if fee.applies_when is not None and fee.not_applicable_reason is None:
            problems.append((("fees", index), "applies_when needs a not_applicable_reason"))
        if fee.applies_when is not None and fee.not_applicable_citation is None:
            problems.append((("fees", index), "applies_when needs a not_applicable_citation"))
    return problems


def _termination_problems(policy: ProgramVersionPolicy) -> list[Problem]:
    """A terminated intake needs a termination section (its dates are on the timeline)."""
    terminated = [change for change in policy.intake if change.status == "terminated"]
    if terminated and policy.termination is None:
        return [(("intake",), "a terminated intake entry needs a termination section")]
    if policy.termination is not None and not terminated:
        return [(("termination",), "a termination section needs a terminated intake entry")]
    return []


def _duplicates(where: str | tuple[str, ...], ids: list[str], noun: str) -> list[Problem]:
    path = (where,) if isinstance(where, str) else where
    return [
        (path, f"duplicate {noun} {item!r}") for item, count in Counter(ids).items() if count > 1
    ]
