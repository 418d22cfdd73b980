"""Which programs take requests on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifeline.programs.registry import get_registry


@dataclass(frozen=True)
class IntakeState:
    program: str
    is_open: bool
    reason: str  # the policy's own words (English), why it is open, paused or closed


def get_intake_state(program: str, *, on: dt.date, kind: str = "initial") -> IntakeState:
    """Whether `program` takes a `kind` request (and so a declaration for one) filed on `on`."""
    version = get_registry().version_for_filing(program, on)
    change = version.intake_on(on, kind)
    takes_kind = kind in version.request_kinds
    is_open = version.is_in_window(on) and takes_kind and change.status == "open"
    return IntakeState(program, is_open, change.reason if takes_kind else version.summary)


def list_programs_accepting(*, on: dt.date, kind: str = "initial") -> list[str]:
    """The programs that take a `kind` request filed on `on`, in the registry's order."""
    programs = get_registry().programs()
    return [program for program in programs if get_intake_state(program, on=on, kind=kind).is_open]
