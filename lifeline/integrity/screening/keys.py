"""What the screen reads off one form: keyed hashes of normalised values, labels, households."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from lifeline.core.masking import SEALED_KINDS, lookup_index, masked
from lifeline.intake.models import ParoleRequest
from lifeline.integrity.normalise.identifiers import check_ssn
from lifeline.integrity.normalise.names import name_keys
from lifeline.integrity.normalise.narratives import (
    MIN_TOKENS,
    minhash_signature,
    narrative_tokens,
)
from lifeline.integrity.rings.policy import load_hub_values, normalise_value
from lifeline.people.models import Person
from lifeline.supporters.models import SupporterDeclaration

SHARED_KINDS = ("phone", "address", "email", "ip", "bank_account")
NARRATIVE_BAND = "narrative_band"
NARRATIVE_BANDS = 16  # as near_duplicate_groups: 16 bands of 4 rows over 64 MinHash values
_STATE = re.compile(r",\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?\s*$")


@dataclass(frozen=True)
class FormKey:
    """One identifier on one form: its kind, keyed hash and what an analyst may see."""

    kind: str
    value_hash: str
    label: str


@cache
def hub_values() -> frozenset[tuple[str, str]]:
    return load_hub_values()


def _hash(kind: str, value: str) -> str:
    return lookup_index(kind, value)


def _label(kind: str, value: str) -> str:
    return masked(kind, value) if kind in SEALED_KINDS else value[:120]


def person_household(person: Person) -> str:
    """The paternal (first) surname token, so one large family counts once."""
    keys = name_keys(person.family_name)
    return keys.tokens[0] if keys and keys.tokens else f"person:{person.pk}"


def declaration_keys(declaration: SupporterDeclaration) -> list[FormKey]:
    """The supporter's phone, address, e-mail, IP, bank account and SSN, hub values left out."""
    supporter = declaration.supporter
    raw = {
        "phone": supporter.phone,
        "address": supporter.current_location,
        "email": supporter.email,
        "ip": declaration.submitted_from_ip,
        "bank_account": supporter.bank_account,
    }
    keys = []
    for kind in SHARED_KINDS:
        value = normalise_value(kind, raw[kind])
        if value and (kind, value) not in hub_values():
            keys.append(FormKey(kind, _hash(kind, value), _label(kind, value)))
    ssn = check_ssn(supporter.ssn)
    if ssn.digits and "placeholder" not in ssn.problems:
        keys.append(FormKey("ssn", _hash("ssn", ssn.digits), _label("ssn", ssn.digits)))
    return keys


def invalid_ssn_problems(person: Person) -> tuple[str, ...]:
    """The structural problems of a supporter's SSN (placeholders are blanks, not evidence)."""
    check = check_ssn(person.ssn)
    if not check.digits or "placeholder" in check.problems:
        return ()
    return check.problems


def narrative_text(request: ParoleRequest) -> str:
    document = request.document if isinstance(request.document, dict) else {}
    return str(document.get("narrative", "") or "")


def narrative_signature(text: str | None) -> np.ndarray | None:
    """The MinHash signature of a narrative (None for short, generic answers, which the batch
    never counts either)."""
    tokens = narrative_tokens(text)
    return minhash_signature(tokens) if len(tokens) >= MIN_TOKENS else None


def narrative_band_keys(signature: np.ndarray) -> list[FormKey]:
    """One keyed hash per LSH band of the signature, the bands `near_duplicate_groups` buckets
    on: two narratives sharing a band are candidates, confirmed on their signatures."""
    rows = len(signature) // NARRATIVE_BANDS
    keys = []
    for band in range(NARRATIVE_BANDS):
        values = ".".join(str(v) for v in signature[band * rows : (band + 1) * rows].tolist())
        keys.append(
            FormKey(NARRATIVE_BAND, _hash(NARRATIVE_BAND, f"{band}:{values}"), f"band {band}")
        )
    return keys


def state_of(address: str) -> str:
    """The two-letter state of a one-line U.S. address ('' when it has none)."""
    match = _STATE.search(address.strip().upper())
    return match.group(1) if match else ""
