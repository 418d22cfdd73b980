"""Offices: their names, and the office a program's new cases join (supervisors reroute)."""

from __future__ import annotations

from django.conf import settings


def offices() -> dict[str, str]:
    """Office code -> name (setting LIFELINE_OFFICES)."""
    return dict(settings.LIFELINE_OFFICES)


def office_for_program(program: str) -> str:
    """The office a new case of this program goes to; "" means any office."""
    return str(settings.LIFELINE_OFFICE_FOR_PROGRAM.get(program, ""))
