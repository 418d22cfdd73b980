"""Thresholds and hub values for ring detection (defaults follow the 2024 supporter review)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from lifeline.integrity.normalise.addresses import address_keys
from lifeline.integrity.normalise.contact import normalise_email, normalise_ip, normalise_phone
from lifeline.integrity.normalise.identifiers import normalise_bank_account

HUB_FILE = Path(__file__).resolve().parent.parent / "data" / "hub_values.csv"
POLICY_VERSION = "rings-v1"
# Unrelated households (distinct supporter surnames) that make a shared value a signal.
_SHARED_HOUSEHOLDS = {"phone": 5, "address": 5, "email": 3, "ip": 10, "bank_account": 3,
                      "narrative": 3}  # fmt: skip


@dataclass(frozen=True)
class RingPolicy:
    """How many forms or unrelated households make a value or a supporter a signal."""

    serial_sponsor_forms: int = 20  # one resolved supporter on at least this many forms
    shared_households: dict[str, int] = field(default_factory=lambda: dict(_SHARED_HOUSEHOLDS))
    hub_values: frozenset[tuple[str, str]] = frozenset()


def normalise_value(kind: str, raw: str | None) -> str | None:
    """The join key of one identifier value (None for blanks and placeholders)."""
    if kind == "phone":
        return normalise_phone(raw)
    if kind == "email":
        return normalise_email(raw)
    if kind == "ip":
        return normalise_ip(raw)
    if kind == "bank_account":
        return normalise_bank_account(raw)
    if kind == "address":
        keys = address_keys(raw)
        return keys.unit if keys else None
    raise ValueError(f"Unknown identifier kind {kind!r}")


def load_hub_values(path: Path = HUB_FILE) -> frozenset[tuple[str, str]]:
    """(kind, normalised value) pairs from a hub file with columns kind, value[, note]."""
    hubs = set()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            value = normalise_value(row["kind"].strip(), row["value"])
            if value:
                hubs.add((row["kind"].strip(), value))
    return frozenset(hubs)
