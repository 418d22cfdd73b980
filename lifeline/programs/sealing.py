"""Identifiers in a stored request document sealed with the field crypto, each with a blind index.

A sealed value is `{"sealed": <AES-GCM token>, "index": <keyed hash>}` in place of the plain
string. The keyed hash lets an exact lookup find a value without opening it; matching that needs
the value itself decrypts in memory only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from lifeline.core.crypto import decrypt, encrypt, keyed_hash

SEALED_KEYS = frozenset({"sealed", "index"})
_PERSON_IDENTIFIERS = ("ssn", "a_number")


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == SEALED_KEYS


def seal(value: str) -> dict[str, str]:
    return {"sealed": encrypt(value), "index": keyed_hash(value)}


def seal_document(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a request document (as JSON) with every identifier sealed; sealed ones kept."""
    sealed = copy.deepcopy(data)
    _each_identifier(sealed, _seal_in_place)
    return sealed


def unseal_document(data: dict[str, Any]) -> dict[str, Any]:
    """A copy with every sealed identifier opened again (plain documents come back unchanged)."""
    opened = copy.deepcopy(data)
    _each_identifier(opened, _open_in_place)
    return opened


def blind_indexes(data: dict[str, Any]) -> list[str]:
    """The keyed hashes of the identifiers in a stored document, for exact lookups."""
    found: list[str] = []

    def collect(holder: dict[str, Any], key: str) -> None:
        value = holder.get(key)
        if isinstance(value, dict) and is_sealed(value):
            found.append(value["index"])

    _each_identifier(data, collect)
    return found


def _seal_in_place(holder: dict[str, Any], key: str) -> None:
    value = holder.get(key)
    if isinstance(value, str) and value:
        holder[key] = seal(value)


def _open_in_place(holder: dict[str, Any], key: str) -> None:
    value = holder.get(key)
    if isinstance(value, dict) and is_sealed(value):
        holder[key] = decrypt(value["sealed"])


def _each_identifier(data: dict[str, Any], visit: Callable[[dict[str, Any], str], None]) -> None:
    for person in _people(data):
        for key in _PERSON_IDENTIFIERS:
            visit(person, key)
        passport = person.get("passport")
        if isinstance(passport, dict):
            visit(passport, "number")
    for supporter in data.get("supporters") or []:
        if isinstance(supporter, dict):
            visit(supporter, "bank_account")
            visit(supporter, "bank_routing")


def _people(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for role in ("beneficiary", "principal", "petitioner"):
        if isinstance(data.get(role), dict):
            yield data[role]
    companions = [data.get("travelling_with")]
    for supporter in data.get("supporters") or []:
        if isinstance(supporter, dict) and isinstance(supporter.get("person"), dict):
            yield supporter["person"]
    for member in data.get("household") or []:
        if isinstance(member, dict):
            if isinstance(member.get("person"), dict):
                yield member["person"]
            companions.append(member.get("travelling_with"))
    for companion in companions:
        if isinstance(companion, dict) and isinstance(companion.get("person"), dict):
            yield companion["person"]
