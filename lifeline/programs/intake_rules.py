"""The evaluator's own rules: was the program taking this kind of request on the filing date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lifeline.programs.built_in_rules import built_in_citation
from lifeline.programs.documents import RequestDocument
from lifeline.programs.errors import CapUsageInvalid
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_sections import CAP_RULE_PREFIX, Cap, IntakeChange
from lifeline.programs.results import AnswerCitation, RuleRun

_STATUS_WORDS = {
    "open": "Open",
    "paused": "Paused",
    "closed": "Closed",
    "terminated": "Terminated",
}


def intake_runs(
    version: ProgramVersionPolicy,
    document: RequestDocument,
    *,
    is_what_if: bool,
    as_of: dt.date | None = None,
    later: Sequence[ProgramVersionPolicy] = (),
) -> list[RuleRun]:
    """Results of the built-in rules, each with its effect on failure; a cap is counted in the
    month of `as_of` (the postmark date when the caller gives none, as a what-if does). `later`
    are the program's versions after `version`, oldest first: a kind of request one of them
    takes was not yet taken on the filing date."""
    on = as_of or document.postmarked_on
    return [
        _accepting(version, document, is_what_if=is_what_if),
        _kind_accepted(version, document, later),
        _category_accepted(version, document),
        *(_cap_not_reached(cap, document, on, _without_cap(cap, later)) for cap in version.caps),
    ]


def _without_cap(cap: Cap, later: Sequence[ProgramVersionPolicy]) -> ProgramVersionPolicy | None:
    """The first later version that no longer has `cap` (a terminated program's, for one)."""
    return next((other for other in later if cap.id not in {c.id for c in other.caps}), None)


def refuse_unreadable_cap_usage(
    document: RequestDocument, versions: list[ProgramVersionPolicy]
) -> None:
    """Refuse cap usage the program's rules could not read, rather than leaving it unchecked.

    A cap id must be one of the program's caps (in any of its versions); a monthly cap needs
    its month and a cap over the program takes none.
    """
    caps = {cap.id: cap for version in versions for cap in version.caps}
    for index, usage in enumerate(document.cap_usage):
        where = f"cap_usage[{index}]"
        cap = caps.get(usage.cap)
        if cap is None:
            known = ", ".join(sorted(caps)) or "none"
            raise CapUsageInvalid(
                f"{where}.cap {usage.cap!r} is not a cap of program {document.program!r} "
                f"(its caps: {known}).",
                details={"field": f"{where}.cap", "cap": usage.cap},
            )
        if cap.period == "month" and usage.month is None:
            raise CapUsageInvalid(
                f"{where}.month is missing: cap {cap.id!r} is counted by month (YYYY-MM).",
                details={"field": f"{where}.month", "cap": cap.id},
            )
        if cap.period != "month" and usage.month is not None:
            raise CapUsageInvalid(
                f"{where}.month is given, but cap {cap.id!r} is counted over the program, "
                "not by month.",
                details={"field": f"{where}.month", "cap": cap.id},
            )


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
        citation = AnswerCitation.of(first.citation)
        return RuleRun(rule_id, "fail", text, citation, "not_accepted", None)
    change = _intake_on_filing(version, document)
    status = _STATUS_WORDS[change.status]
    text = f"{status} for {kind} requests on {filed_on} (since {change.starts_on}): {change.reason}"
    outcome = "pass" if change.status == "open" else "fail"
    return RuleRun(rule_id, outcome, text, AnswerCitation.of(change.citation), "not_accepted", None)


def _intake_on_filing(version: ProgramVersionPolicy, document: RequestDocument) -> IntakeChange:
    """The version's intake entry in force for the request's kind on its postmark date (on the
    version's first day for a request postmarked before it)."""
    return version.intake_on(max(document.postmarked_on, version.effective_from), document.kind)


def _kind_accepted(
    version: ProgramVersionPolicy,
    document: RequestDocument,
    later: Sequence[ProgramVersionPolicy] = (),
) -> RuleRun:
    """Cites the program's own intake entry in force on the postmark date: the text that says
    which requests the program takes; for a kind a later version first took, that version's."""
    accepted = " and ".join(version.request_kinds)
    outcome = "pass" if document.kind in version.request_kinds else "fail"
    text = (
        f"This version takes {accepted} requests; this is a{'n' * (document.kind == 'initial')} "
        f"{document.kind} request."
    )
    citation = AnswerCitation.of(_intake_on_filing(version, document).citation)
    opens = next((other for other in later if document.kind in other.request_kinds), None)
    if outcome == "fail" and opens is not None:
        # The program's own process for this kind had not opened yet on the filing date.
        text += (
            f" {opens.title} first took {document.kind} requests on {opens.effective_from}; "
            f"this request was filed on {document.postmarked_on}, before then."
        )
        first = opens.intake_on(opens.effective_from, document.kind)
        return RuleRun(
            "request_kind_accepted",
            outcome,
            text,
            AnswerCitation.of(first.citation),
            "not_accepted",
            None,
        )
    if outcome == "fail" and document.kind == "reparole":
        # A parolee of a program without re-parole of its own asks for it on Form I-131.
        text += " Re-parole is asked for on a new Form I-131 marked REPAROLE."
        return RuleRun(
            "request_kind_accepted", outcome, text, citation, "route_elsewhere", "reparole"
        )
    return RuleRun("request_kind_accepted", outcome, text, citation, "not_accepted", None)


def _category_accepted(version: ProgramVersionPolicy, document: RequestDocument) -> RuleRun:
    accepted = ", ".join(category.replace("_", " ") for category in version.categories)
    outcome = "pass" if document.category in version.categories else "fail"
    text = (
        f"This program considers requests for: {accepted}; this request's category is "
        f"{document.category.replace('_', ' ')}."
    )
    citation = built_in_citation("category_accepted")
    return RuleRun("category_accepted", outcome, text, citation, "not_eligible", None)


def _cap_not_reached(
    cap: Cap, document: RequestDocument, on: dt.date, without: ProgramVersionPolicy | None
) -> RuleRun:
    """A cap reached in the period of `on` means the program takes no more (`not_accepted`).

    Cap usage is a count the agency keeps, not a fact of the person: when the document does not
    state it, the rule is not checked and says so, rather than asking the person for it. Nor is
    it counted from the day a later version (`without`) no longer has the cap.
    """
    rule_id = f"{CAP_RULE_PREFIX}{cap.id}"
    month = f"{on:%Y-%m}" if cap.period == "month" else None
    period = f"in {month}" if month else "in total"
    citation = AnswerCitation.of(cap.citation)
    limit = f"{cap.limit:,} {cap.counts.replace('_', ' ')} {period}"
    if without is not None and on >= without.effective_from:
        text = (
            f"Not checked: the cap of {limit} is counted as of {on}, and from "
            f"{without.effective_from} the program has no such cap ({without.version}): give "
            "an as-of date before then to check it."
        )
        return RuleRun(rule_id, "not_applicable", text, citation, "not_accepted", None)
    stated = next(
        (usage for usage in document.cap_usage if usage.cap == cap.id and usage.month == month),
        None,
    )
    if stated is None:
        other_months = sorted(
            usage.month for usage in document.cap_usage if usage.cap == cap.id and usage.month
        )
        told = (
            f"states how many were used only in {', '.join(other_months)}"
            if other_months
            else "does not state how many were used"
        )
        text = (
            f"Not checked: the program's cap is {limit}, and the request {told}; an officer "
            "checks the count."
        )
        return RuleRun(rule_id, "not_applicable", text, citation, "not_accepted", None)
    if stated.used >= cap.limit:
        text = f"The cap of {limit} is reached ({stated.used:,} used): no more are taken."
        return RuleRun(rule_id, "fail", text, citation, "not_accepted", None)
    text = f"{stated.used:,} of the cap of {limit} used: the cap is not reached."
    return RuleRun(rule_id, "pass", text, citation, "not_accepted", None)
