"""The Afghan special immigrant option: Chief of Mission approval, classification, program close."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

from lifeline.pathways.answers import Window
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft, days_after


def afghan_special_immigrant(option: OptionPolicy, state: Check) -> Draft:
    request, timeline = state.request, state.registry.timeline
    program = timeline.state_on("program:afghan_siv", state.as_of)
    lines = [event.summary for event in program.applied]
    sources = [source for event in program.applied for source in event.sources]
    approved = request.fact("afghan_chief_of_mission_approval")
    classified = request.fact("afghan_special_immigrant_classification_approved")
    if approved == "yes" and classified == "yes":
        return Draft(
            "may_apply",
            "With Chief of Mission approval and an approved classification you may apply to adjust when a visa number is available.",
            lines=lines,
            sources=sources,
        )
    closing = [e for e in timeline.events_of("program:afghan_siv") if e.effect in ("close", "note")]
    close = next((e for e in closing if e.effect == "close"), None)
    last_day = days_after(close.effective_on, -1) if close else None
    dates = [
        f"{event.summary} ({event.needs_legal_review})"
        if event.needs_legal_review
        else event.summary
        for event in closing
    ]
    window = Window(closes_on=last_day, legal_rule=option.legal_rule, computation=dates)
    closing_sources = [source for event in closing for source in event.sources]
    if (
        approved == "no"
        and request.fact("afghan_chief_of_mission_application_filed") == "no"
        and program.status == "closed"
    ):
        return Draft(
            "deadline_passed",
            f"New Chief of Mission applications closed after {last_day}.",
            lines=lines,
            sources=closing_sources,
            window=window,
        )
    missing = [
        f"facts.{name}"
        for name, value in (
            ("afghan_chief_of_mission_approval", approved),
            ("afghan_special_immigrant_classification_approved", classified),
        )
        if value == "unknown"
    ]
    if missing:
        deadline = (
            f" Without Chief of Mission approval, the application for it had to be made by {last_day}."
            if last_day
            else ""
        )
        return Draft(
            "needs_information",
            "Whether you have Chief of Mission approval and an approved classification is needed."
            + deadline,
            missing=missing,
            lines=lines,
            sources=closing_sources,
            window=window,
        )
    return Draft("not_yet", "Classification is still pending.", lines=lines, sources=sources)
