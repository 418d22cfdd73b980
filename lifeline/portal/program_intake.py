"""Which programs take a new request on a date, and what a person needs before starting one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifeline.portal import choices
from lifeline.programs.registry import get_registry
from lifeline.programs.selectors import get_intake_state, list_programs_accepting

# The wizard files first requests; re-parole has its own route.
REQUEST_KIND = "initial"
# The process anyone may use when a program of its own is closed.
FALLBACK_PROGRAM = "general"


@dataclass(frozen=True)
class ProgramIntake:
    program: str
    name: str
    summary: str
    is_open: bool
    reason: str  # the policy's own words (English), why it is open, paused or closed
    categories: list[str]
    evidence: list[str]  # what every first request of the program needs (English labels)


def get_program_intake(program: str, *, on: dt.date) -> ProgramIntake:
    """The program version for filing on `on`, read as: does it take a first request today?"""
    version = get_registry().version_for_filing(program, on)
    state = get_intake_state(program, on=on, kind=REQUEST_KIND)
    evidence = [
        item.label
        for item in version.evidence.get("all", [])
        if item.kinds is None or REQUEST_KIND in item.kinds
    ]
    return ProgramIntake(
        program=program,
        name=choices.program_name(program),
        summary=version.summary,
        is_open=state.is_open,
        reason=state.reason,
        categories=list(version.categories),
        evidence=evidence,
    )


def list_program_intake(*, on: dt.date) -> list[ProgramIntake]:
    return [get_program_intake(program, on=on) for program in get_registry().programs()]


def open_program_choices(*, on: dt.date) -> list[tuple[str, str]]:
    """The programs that take a first request (and a declaration for one) on `on`, named."""
    programs = list_programs_accepting(on=on, kind=REQUEST_KIND)
    return [(program, choices.program_name(program)) for program in programs]
