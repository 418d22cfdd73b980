"""A small, seeded generator of varied request documents (version 2) for the pre-screen benchmarks.

Documents state the facts the rules turn on, true or false; about one fact in twelve is left
unknown, as applicants leave them, so that some answers ask for information and most do not.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

# Filing windows inside which each program took requests (some dates fall in pauses on purpose).
WINDOWS = {
    "general": ("2023-01-01", "2026-10-31"),
    "u4u": ("2022-04-25", "2025-03-31"),
    "chnv_venezuela": ("2022-10-19", "2025-03-31"),
    "chnv_cuba": ("2023-01-09", "2025-03-31"),
    "chnv_haiti": ("2023-01-09", "2025-03-31"),
    "chnv_nicaragua": ("2023-01-09", "2025-03-31"),
    "frp": ("2023-07-10", "2025-12-31"),
    "afghan_reparole": ("2023-06-09", "2026-06-30"),
    "cam": ("2021-03-10", "2025-03-31"),
}
NATIONALITY = {
    "general": "AF",
    "u4u": "UA",
    "chnv_venezuela": "VE",
    "chnv_cuba": "CU",
    "chnv_haiti": "HT",
    "chnv_nicaragua": "NI",
    "frp": "CO",
    "afghan_reparole": "AF",
    "cam": "SV",
}
STATUSES = ["citizen", "permanent_resident", "parolee", "tps", "asylum_applicant", "daca"]
UNKNOWN_SHARE = 1 / 12


def _stated(rng: random.Random, value: bool) -> bool | None:
    """`value`, or None (not known) for a share of the facts."""
    return None if rng.random() < UNKNOWN_SHARE else value


def _day(rng: random.Random, start: str, end: str) -> dt.date:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _person(rng: random.Random, country: str, born: dt.date, where: str) -> dict[str, Any]:
    return {
        "given_name": rng.choice(["Olena", "José", "Amina", "Jean", "Ana", "Mohammad"]),
        "family_name": rng.choice(["Kovalenko", "Pérez", "Haidari", "Pierre", "López"]),
        "birth_date": born.isoformat(),
        "sex": rng.choice("FM"),
        "citizenships": [country],
        "permanent_resident_of": [],
        "refugee_status_in": [],
        "current_country": where,
        "marital_status": rng.choice(["single", "married", "divorced"]),
        "residence_history": [{"country": country, "from_on": born.isoformat()}],
        "passport": {
            "country": country,
            "number": f"P{rng.randint(1000000, 9999999)}",
            "expires_on": _day(rng, "2022-01-01", "2034-12-31").isoformat(),
        },
    }


def make_document(rng: random.Random, program: str) -> dict[str, Any]:
    filed_on = _day(rng, *WINDOWS[program])
    country = NATIONALITY[program]
    minor = rng.random() < (0.7 if program == "cam" else 0.15)
    adult_years = (18, 20) if program == "cam" else (18, 70)
    born = filed_on - dt.timedelta(
        days=rng.randint(2, 17) * 365 if minor else rng.randint(*adult_years) * 365
    )
    kind = (
        "reparole"
        if program == "afghan_reparole" or (program == "u4u" and rng.random() < 0.3)
        else "initial"
    )
    in_us = kind == "reparole"
    document: dict[str, Any] = {
        "program": program,
        "kind": kind,
        "schema_version": 2,
        "postmarked_on": filed_on.isoformat(),
        "category": "family_reunification"
        if program in ("frp", "cam")
        else rng.choice(["medical", "protection", "family_reunification", "other"]),
        "beneficiary": _person(rng, country, born, "US" if in_us else country),
        "supporters": [
            {
                "person": _person(rng, "US", dt.date(1975, 1, 1), "US"),
                "status_in_us": rng.choice(STATUSES),
                "annual_income_usd": rng.randint(20, 150) * 1000,
                "household_size": rng.randint(1, 6),
                "is_organization": _stated(rng, False),
            }
            for _ in range(rng.choice([0, 1, 1, 1, 1, 1, 1, 2, 2, 2]))
        ],
        "immigration_history": {
            "in_united_states": _stated(rng, in_us),
            "in_removal_proceedings": _stated(rng, rng.random() < 0.03),
            "immigrant_visa_issued": _stated(rng, False),
            "removal_orders": [],
            "irregular_entries": [
                {
                    "country": "MX",
                    "entered_on": _day(rng, "2021-01-01", "2024-12-31").isoformat(),
                    "resolved_by_voluntary_departure": rng.random() < 0.5,
                }
            ]
            if rng.random() < 0.1
            else [],
        },
        "urgency": {
            "diagnosis": "Condition",
            "treatment_on": (filed_on + dt.timedelta(days=60)).isoformat(),
            "life_threatening": _stated(rng, rng.random() < 0.2),
            "treatment_unavailable_at_home": _stated(rng, rng.random() < 0.7),
            "threat_evidence": _stated(rng, rng.random() < 0.6),
            "individually_targeted": _stated(rng, rng.random() < 0.4),
        },
        "attestations": {
            "vaccinations": _stated(rng, rng.random() < 0.9),
            "medical_screening": _stated(rng, True),
            "tb_screening": _stated(rng, True),
        },
        "requested_duration_days": rng.choice([180, 365, 730]),
    }
    if kind == "reparole":
        paroled = filed_on - dt.timedelta(days=rng.randint(200, 900))
        document["immigration_history"]["prior_parole"] = {
            "class_of_admission": "OAR" if program == "afghan_reparole" else "UHP",
            "paroled_on": paroled.isoformat(),
            "ends_on": (filed_on + dt.timedelta(days=rng.randint(-30, 300))).isoformat(),
            "complied_with_conditions": _stated(rng, rng.random() < 0.97),
        }
    if program == "frp":
        document["invitation"] = {
            "code": f"FRP-{rng.randint(1000, 9999)}",
            "petitioner_status": "citizen",
            "issued_on": (filed_on - dt.timedelta(days=rng.randint(-5, 90))).isoformat(),
            "i130_approved": _stated(rng, rng.random() < 0.97),
        }
    if program == "cam":
        document["petitioner"] = _person(rng, country, dt.date(1985, 1, 1), "US")
        document["beneficiary"]["marital_status"] = rng.choice(["single"] * 9 + ["married"])
    if minor and rng.random() < 0.9:
        companion = rng.choice(["parent", "parent", "legal_guardian", "other_adult", "none"])
        document["travelling_with"] = (
            {"none": True}
            if companion == "none"
            else {
                "relationship": companion,
                "person": _person(rng, country, dt.date(1985, 1, 1), country),
            }
        )
    if not minor and kind == "initial" and rng.random() < 0.25:
        principal_born = dt.date.fromisoformat(document["beneficiary"]["birth_date"])
        document["household"] = _household(rng, country, filed_on, principal_born)
    return _without_none(document)


def _household(
    rng: random.Random, country: str, filed_on: dt.date, principal_born: dt.date
) -> list[dict[str, Any]]:
    """A spouse and children who travel with the principal (most) or not (a few); a child is
    born at least 16 years after the principal, as a valid document requires."""
    members: list[dict[str, Any]] = []
    for relationship in ["spouse"] + ["child"] * rng.randint(0, 3):
        years = rng.randint(20, 60) if relationship == "spouse" else rng.randint(1, 20)
        born = filed_on - dt.timedelta(days=years * 365 + rng.randint(0, 300))
        if relationship == "child":
            born = max(born, principal_born + dt.timedelta(days=16 * 365))
        person = _person(rng, country, born, country)
        if relationship == "child":
            person["marital_status"] = "single"
        members.append(
            {
                "relationship": relationship,
                "person": person,
                "travelling_with_principal": _stated(rng, rng.random() < 0.9),
                "immigration_history": {
                    "in_united_states": _stated(rng, False),
                    "in_removal_proceedings": _stated(rng, False),
                },
                "attestations": {"vaccinations": _stated(rng, rng.random() < 0.95)},
            }
        )
    return members


def _without_none(value: Any) -> Any:
    """Unknown facts are left out, as a client leaves them."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def make_documents(
    count: int, *, seed: int, programs: list[str] | None = None
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    chosen = programs or list(WINDOWS)
    return [make_document(rng, rng.choice(chosen)) for _ in range(count)]
