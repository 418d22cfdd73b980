"""The generator's working records: accounts, supporters, request slots, rings and hard cases."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from lifeline.generation.people import Human
from lifeline.programs.documents import (
    Attestations,
    ImmigrationHistory,
    Invitation,
    Urgency,
)


class Ids:
    """Sequential ids per kind of record, so that the same seed gives the same ids."""

    PREFIXES = {
        "entity": "E",
        "request": "R",
        "declaration": "D",
        "account": "A",
        "household": "H",
        "ring": "G",
    }

    def __init__(self) -> None:
        self._counters = {kind: itertools.count(1) for kind in self.PREFIXES}

    def next(self, kind: str) -> str:
        return f"{self.PREFIXES[kind]}{next(self._counters[kind]):06d}"


@dataclass
class Account:
    """A login that files something: an applicant, a supporter or a representative."""

    key: str
    role: str
    email: str
    language: str
    entity_id: str = ""


@dataclass
class Sponsor:
    """A supporter in the U.S. with the finances their declarations state."""

    human: Human
    status_in_us: str
    annual_income_usd: int
    household_size: int
    account: str
    ip: str
    bank_account: str = ""
    pledges_declared: int | None = None  # what they admit to; None means the true count


@dataclass
class Support:
    """One supporter backing one request."""

    sponsor: Sponsor
    relationship: str
    ip: str
    variations: tuple[str, ...] = ()


@dataclass
class Slot:
    """One request as it will be filed, before it becomes a request document."""

    record_id: str
    household_id: str
    program: str
    kind: str
    category: str
    version: str
    filed_on: dt.date
    beneficiary: Human
    relationship: str
    filer: str
    duration_days: int
    principal: Human | None = None
    companion: Human | None = None
    companion_record: str = ""
    petitioner: Human | None = None
    representative: str = ""
    has_declaration: bool = False
    has_supporter: bool = False
    supports: list[Support] = field(default_factory=list)
    narrative: str = ""
    urgency: Urgency = field(default_factory=Urgency)
    invitation: Invitation | None = None
    history: ImmigrationHistory = field(default_factory=ImmigrationHistory)
    attestations: Attestations = field(default_factory=Attestations)
    fee_waiver_requested: bool = False
    duplicate_of: str = ""
    variations: tuple[str, ...] = ()
    evidence: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Ring:
    """A planted fraud pattern: which requests it touches and the values they share."""

    ring_id: str
    pattern: str
    shared: dict[str, str]
    records: list[str] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)


@dataclass
class HardCase:
    """People or forms that look linked but are honestly separate (twins, siblings, households)."""

    kind: str
    entity_ids: list[str]
    note: str = ""
