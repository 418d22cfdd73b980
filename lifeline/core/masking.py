"""What may be shown of an identifier outside its sealed column: its kind and last four."""

from __future__ import annotations

from lifeline.core.crypto import keyed_hash

# The identifiers kept only sealed at rest, and how a reader names each.
SEALED_KINDS = {
    "ssn": "SSN",
    "a_number": "A-number",
    "passport": "passport",
    "bank_account": "bank account",
}


def masked(kind: str, value: str) -> str:
    """ "SSN ending 6789": enough to tell two apart, never the number."""
    return f"{SEALED_KINDS[kind]} ending {value[-4:]}"


def lookup_index(kind: str, value: str) -> str:
    """The keyed hash that finds the same value again (the screen's own `kind:value` form)."""
    return keyed_hash(f"{kind}:{value}")
