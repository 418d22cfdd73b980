"""Parole terms for tests, built directly on a request row (no decision needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lifeline.intake.tests.factories import make_request
from lifeline.parole.enums import FeeState, TermStatus
from lifeline.parole.models import ParoleTerm


def make_term(version: str, *, status: str = TermStatus.ACTIVE, **fields: Any) -> ParoleTerm:
    program = version.rsplit("-", 3)[0]
    request = make_request(status="approved", program_version=version)
    request.program = program
    request.save(update_fields=["program"])
    defaults: dict[str, Any] = {
        "fee_amount_usd": 0,
        "fee_state": FeeState.EXEMPT,
        "status": status,
    }
    if status == TermStatus.ACTIVE:
        defaults.update(
            arrived_on=dt.date(2024, 1, 10),
            original_ends_on=dt.date(2026, 1, 9),
            ends_on=dt.date(2026, 1, 9),
            class_of_admission="DT",
        )
    defaults.update(fields)
    return ParoleTerm.objects.create(
        request=request, program=program, program_version=version, **defaults
    )


def make_u4u_term(**fields: Any) -> ParoleTerm:
    """A Uniting for Ukraine parolee (class UHP) in force from 10 Jan 2024 to 9 Jan 2026."""
    values: dict[str, Any] = {
        "arrived_on": dt.date(2024, 1, 10),
        "original_ends_on": dt.date(2026, 1, 9),
        "ends_on": dt.date(2026, 1, 9),
        "class_of_admission": "UHP",
    }
    return make_term("u4u-2022-04-25", **(values | fields))
