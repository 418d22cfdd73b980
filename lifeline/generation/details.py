"""The program-specific facts of one request: urgency, history, invitation, evidence files."""

from __future__ import annotations

import datetime as dt
import random
from typing import Literal

from lifeline.generation.narratives import DIAGNOSES
from lifeline.programs.documents import (
    Attestations,
    ImmigrationHistory,
    Invitation,
    IrregularEntry,
    PriorParole,
    RemovalOrder,
    Urgency,
)
from lifeline.programs.policy import ProgramVersionPolicy

_CONTENT_TYPES = (("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png"))
_INVITATION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _days(on: dt.date, low: int, high: int, rng: random.Random) -> dt.date:
    return on + dt.timedelta(days=rng.randint(low, high))


def urgency(rng: random.Random, category: str, filed_on: dt.date) -> Urgency:
    """Urgency facts that fit the request's category, some strong and some weak."""
    if category == "medical":
        diagnosis = rng.choice(DIAGNOSES)
        life_threatening = rng.random() < 0.45
        return Urgency(
            diagnosis=diagnosis,
            # A life-threatening condition is a medical emergency; a milder one is left unstated.
            medical_emergency=True if life_threatening else None,
            life_threatening=life_threatening,
            treatment_on=_days(filed_on, 7, 120, rng),
            treatment_unavailable_at_home=rng.random() < 0.8,
        )
    if category == "protection":
        return Urgency(
            threat_evidence=rng.random() < 0.6, individually_targeted=rng.random() < 0.35
        )
    if category == "public_benefit":
        return Urgency(
            event_kind=rng.choice(("court", "organ_donation")),
            event_on=_days(filed_on, 14, 120, rng),
        )
    if category == "other" and rng.random() < 0.3:
        return Urgency(
            event_kind=rng.choice(("funeral", "dying_relative")),
            event_on=_days(filed_on, 2, 30, rng),
        )
    return Urgency()


def prior_parole(
    rng: random.Random, *, filed_on: dt.date, term_days: int, coa: str
) -> ImmigrationHistory:
    """A parolee asking for re-parole: a term ending within the next six months."""
    ends_on = _days(filed_on, 15, 175, rng)
    paroled_on = ends_on - dt.timedelta(days=term_days)
    return ImmigrationHistory(
        in_united_states=True,
        prior_parole=PriorParole(
            class_of_admission=coa,
            paroled_on=paroled_on,
            ends_on=ends_on,
            complied_with_conditions=rng.random() < 0.97,
        ),
    )


def abroad_history(rng: random.Random, *, filed_on: dt.date) -> ImmigrationHistory:
    """Mostly a clean history; a few removal orders or irregular entries that rules catch."""
    roll = rng.random()
    if roll < 0.02:
        ordered_on = _days(filed_on, -6 * 365, -200, rng)
        return ImmigrationHistory(
            removal_orders=[
                RemovalOrder(ordered_on=ordered_on, removed_on=_days(ordered_on, 10, 90, rng))
            ]
        )
    if roll < 0.05:
        countries: tuple[Literal["US", "MX", "PA"], ...] = ("US", "MX", "PA")
        country = rng.choice(countries)
        entered_on = _days(filed_on, -400, -30, rng)
        departed = rng.random() < 0.4
        # Voluntary departure and withdrawal of an application for admission follow only an
        # arrival in the United States (ADR 0256): an entry into Mexico or Panama never has it.
        return ImmigrationHistory(
            irregular_entries=[
                IrregularEntry(
                    country=country,
                    entered_on=entered_on,
                    resolved_by_voluntary_departure=departed if country == "US" else None,
                )
            ]
        )
    return ImmigrationHistory()


def attestations(rng: random.Random) -> Attestations:
    done = rng.random() < 0.9
    return Attestations(
        vaccinations=done,
        medical_screening=done,
        tb_screening=done if rng.random() < 0.95 else None,
    )


def invitation(rng: random.Random, *, filed_on: dt.date, petitioner_is_citizen: bool) -> Invitation:
    code = "".join(rng.choice(_INVITATION_ALPHABET) for _ in range(10))
    return Invitation(
        code=f"FRP-{code[:5]}-{code[5:]}",
        issued_on=_days(filed_on, -150, -5, rng),
        petitioner_status="citizen" if petitioner_is_citizen else "permanent_resident",
        i130_approved=rng.random() < 0.97,
    )


def _applies(guard: str | None, facts: dict[str, bool], rng: random.Random) -> bool:
    """Whether an evidence item's CEL guard holds; guards on other facts hold half the time."""
    if guard is None:
        return True
    negated = guard.startswith("!")
    fact = facts.get(guard.lstrip("!").removeprefix("facts."))
    if fact is None:
        return rng.random() < 0.5
    return fact != negated


def evidence_files(
    rng: random.Random,
    version: ProgramVersionPolicy,
    *,
    category: str,
    kind: str,
    is_minor: bool,
    is_principal: bool,
) -> list[dict[str, object]]:
    """Metadata of the files an applicant uploaded for the policy's checklist; some are missing."""
    facts = {"is_minor": is_minor, "is_principal": is_principal}
    files: list[dict[str, object]] = []
    for item in version.evidence_items(category, kind):
        if not _applies(item.when, facts, rng) or rng.random() < 0.12:
            continue
        content_type, extension = rng.choice(_CONTENT_TYPES)
        name = f"{item.id.replace('_', '-')}-{rng.randint(1, 999)}.{extension}"
        files.append(
            {
                "kind": item.id,
                "original_filename": name,
                "content_type": content_type,
                "size_bytes": rng.randint(40_000, 4_000_000),
                "sha256": f"{rng.getrandbits(256):064x}",
            }
        )
    return files
