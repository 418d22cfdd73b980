"""The Afghan special immigrant option: Chief of Mission approval, classification, program close."""

# ruff: noqa: E501  (answer sentences are kept whole for translators)

from __future__ import annotations

import datetime as dt
from functools import partial

from lifeline.pathways.answers import Window
from lifeline.pathways.policy import OptionPolicy
from lifeline.pathways.state import Check, Draft, days_after
from lifeline.programs.sources import Source


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
    if approved == "no":
        return _without_approval(state, last_day, window, lines, closing_sources, program.status)
    missing = [
        f"facts.{name}"
        for name, value in (
            ("afghan_chief_of_mission_approval", approved),
            ("afghan_special_immigrant_classification_approved", classified),
        )
        if value == "unknown"
    ]
    if missing:
        deadline = ""
        if last_day and approved == "unknown":
            tense = "had to be" if state.as_of > last_day else "must be"
            deadline = f" Without Chief of Mission approval, the application for it {tense} made by {last_day}."
        asked = (
            "Whether you have Chief of Mission approval and an approved classification is needed."
            if approved == "unknown"
            else "Whether your special immigrant classification is approved is needed."
        )
        return Draft(
            "needs_information",
            asked + deadline,
            missing=missing,
            lines=lines,
            sources=closing_sources,
            window=window,
        )
    return Draft("not_yet", "Classification is still pending.", lines=lines, sources=sources)


def _without_approval(
    state: Check,
    last_day: dt.date | None,
    window: Window,
    lines: list[str],
    sources: list[Source],
    status: str,
) -> Draft:
    """No Chief of Mission approval: apply for it by the program's last day, unless an
    application is pending; whether one was made is asked when it is not known."""
    filed = state.request.fact("afghan_chief_of_mission_application_filed")
    draft = partial(Draft, lines=lines, sources=sources, window=window)
    if filed == "yes":
        return draft(
            "not_yet",
            "Your Chief of Mission application is pending; classification follows its approval.",
        )
    if last_day is None:
        # A close event is what closes the program: with none on file there is no last day.
        if filed == "unknown":
            return draft(
                "needs_information",
                "Whether you have applied for Chief of Mission approval is needed.",
                missing=["facts.afghan_chief_of_mission_application_filed"],
            )
        return draft(
            "needs_legal_review",
            "No date on which new Chief of Mission applications close is on file: check that they are still taken before you apply.",
        )
    if status == "closed" or state.as_of > last_day:
        if filed == "unknown":
            return draft(
                "needs_information",
                f"Whether you applied for Chief of Mission approval by {last_day} is needed: new applications are no longer taken.",
                missing=["facts.afghan_chief_of_mission_application_filed"],
            )
        return draft(
            "deadline_passed", f"New Chief of Mission applications closed after {last_day}."
        )
    if filed == "unknown":
        return draft(
            "needs_information",
            f"Whether you have applied for Chief of Mission approval is needed. If not, apply by {last_day}.",
            missing=["facts.afghan_chief_of_mission_application_filed"],
        )
    return draft(
        "may_apply",
        f"Apply for Chief of Mission approval by {last_day}: new applications close after that day.",
        steps=["Apply to the State Department for Chief of Mission approval (Form DS-157)."],
    )
