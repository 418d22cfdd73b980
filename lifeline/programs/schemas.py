"""API output schemas for programs and their versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

EXAMPLE_PERSON: dict[str, Any] = {
    "given_name": "Olena",
    "family_name": "Kovalenko",
    "birth_date": "1988-03-14",
    "sex": "F",
    "citizenships": ["UA"],
    "residence_history": [{"country": "UA", "from_on": "1988-03-14"}],
    "current_country": "PL",
    "passport": {"country": "UA", "number": "FE123456", "expires_on": "2030-01-01"},
}

EXAMPLE_REQUEST_DOCUMENT: dict[str, Any] = {
    "program": "general",
    "category": "medical",
    "postmarked_on": "2026-11-02",
    "beneficiary": EXAMPLE_PERSON,
    "urgency": {
        "diagnosis": "Acute leukaemia",
        "life_threatening": True,
        "treatment_on": "2026-12-15",
        "treatment_unavailable_at_home": True,
    },
    "narrative": "Needs a bone-marrow transplant that is unavailable at home.",
    "requested_duration_days": 180,
}


class ProgramVersionOut(Schema):
    version: str
    title: str
    summary: str
    effective_from: dt.date
    effective_until: dt.date | None
    request_kinds: list[str]
    categories: list[str]


class ProgramOut(Schema):
    program: str
    versions: list[ProgramVersionOut]
