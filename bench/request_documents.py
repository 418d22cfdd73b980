"""A small, seeded generator of varied request documents for the pre-screen benchmarks."""

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
    minor = rng.random() < 0.15
    born = filed_on - dt.timedelta(
        days=rng.randint(2, 17) * 365 if minor else rng.randint(18, 70) * 365
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
        "filed_on": filed_on.isoformat(),
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
            }
            for _ in range(rng.randint(0, 2))
        ],
        "immigration_history": {
            "in_united_states": in_us,
            "in_removal_proceedings": rng.random() < 0.03,
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
            "life_threatening": rng.random() < 0.2,
        },
        "attestations": {"vaccinations": rng.random() < 0.9, "medical_screening": True},
        "requested_duration_days": rng.choice([180, 365, 730]),
    }
    if kind == "reparole":
        paroled = filed_on - dt.timedelta(days=rng.randint(200, 900))
        document["immigration_history"]["prior_parole"] = {
            "class_of_admission": "OAR" if program == "afghan_reparole" else "UHP",
            "paroled_on": paroled.isoformat(),
            "ends_on": (filed_on + dt.timedelta(days=rng.randint(-30, 300))).isoformat(),
        }
    if program == "frp":
        document["invitation"] = {
            "code": f"FRP-{rng.randint(1000, 9999)}",
            "petitioner_status": "citizen",
            "issued_on": (filed_on - dt.timedelta(days=rng.randint(-5, 90))).isoformat(),
        }
    if program == "cam":
        document["petitioner"] = _person(rng, country, dt.date(1985, 1, 1), "US")
    if minor and rng.random() < 0.8:
        document["travelling_with"] = {
            "relationship": rng.choice(["parent", "legal_guardian", "other_adult"]),
            "person": _person(rng, country, dt.date(1985, 1, 1), country),
        }
    return document


def make_documents(
    count: int, *, seed: int, programs: list[str] | None = None
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    chosen = programs or list(WINDOWS)
    return [make_document(rng, rng.choice(chosen)) for _ in range(count)]
