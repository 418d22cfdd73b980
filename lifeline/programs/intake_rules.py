"""The evaluator's own rules: was the program taking this kind of request on the filing date."""

from __future__ import annotations

from lifeline.programs.documents import RequestDocument
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.results import RuleRun

_STATUS_WORDS = {"open": "Open", "paused": "Paused", "terminated": "Terminated"}


def intake_runs(
    version: ProgramVersionPolicy, document: RequestDocument, *, is_what_if: bool
) -> list[RuleRun]:
    """Results of the three built-in rules, each with its effect on failure."""
    return [
        _accepting(version, document, is_what_if=is_what_if),
        _kind_accepted(version, document),
        _category_accepted(version, document),
    ]


def _accepting(
    version: ProgramVersionPolicy, document: RequestDocument, *, is_what_if: bool
) -> RuleRun:
    filed_on, kind = document.postmarked_on, document.kind
    rule_id = "accepting_requests_on_filing_date"
    first = version.intake[0]
    if not is_what_if and not version.is_in_window(filed_on):
        if filed_on < version.effective_from:
            text = (
                f"{version.title} took no requests before {version.effective_from}; "
                f"this request was filed on {filed_on}."
            )
        else:
            text = (
                f"{version.title} ({version.version}) ended on {version.effective_until} "
                f"and no later version was in force on {filed_on}, the filing date."
            )
        return RuleRun(rule_id, "fail", text, first.citation.text, "not_accepted", None)
    change = version.intake_on(max(filed_on, version.effective_from), kind)
    status = _STATUS_WORDS[change.status]
    text = f"{status} for {kind} requests on {filed_on} (since {change.starts_on}): {change.reason}"
    outcome = "pass" if change.status == "open" else "fail"
    return RuleRun(rule_id, outcome, text, change.citation.text, "not_accepted", None)


def _kind_accepted(version: ProgramVersionPolicy, document: RequestDocument) -> RuleRun:
    accepted = " and ".join(version.request_kinds)
    outcome = "pass" if document.kind in version.request_kinds else "fail"
    text = (
        f"This version takes {accepted} requests; this is a{'n' * (document.kind == 'initial')} "
        f"{document.kind} request."
    )
    return RuleRun("request_kind_accepted", outcome, text, version.sources[0], "not_accepted", None)


def _category_accepted(version: ProgramVersionPolicy, document: RequestDocument) -> RuleRun:
    accepted = ", ".join(category.replace("_", " ") for category in version.categories)
    outcome = "pass" if document.category in version.categories else "fail"
    text = (
        f"This program considers requests for: {accepted}; this request's category is "
        f"{document.category.replace('_', ' ')}."
    )
    return RuleRun("category_accepted", outcome, text, version.sources[0], "not_eligible", None)
