"""Canonical JSON and the seal (HMAC-SHA256 under a key id) linking each audit event to the last."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from lifeline.core.errors import ValidationFailed

GENESIS_HASH = "0" * 64
# Events sealed before keys existed (docs/decisions/0057) carry no key id: plain SHA-256.
UNKEYED = ""
HASHED_FIELDS = (
    "stream",
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_role",
    "on_behalf_of_id",
    "action",
    "subject_type",
    "subject_id",
    "case_reference",
    "person_ids",
    "details_json",
    "previous_hash",
)


class AuditDetailsInvalid(ValidationFailed):
    code = "audit_details_invalid"


def _to_json_value(value: Any) -> Any:
    """Turn the few non-JSON types a service may pass into one fixed JSON form."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise AuditDetailsInvalid("Audit details take aware datetimes only.")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise AuditDetailsInvalid("Audit details take finite decimals only.")
        return str(value)
    if isinstance(value, uuid.UUID | enum.Enum):
        return str(value.value if isinstance(value, enum.Enum) else value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise AuditDetailsInvalid(
        f"Audit details cannot hold a {type(value).__name__}; pass plain JSON values."
    )


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, no NaN: the same value always gives the same text."""
    try:
        return json.dumps(
            value,
            default=_to_json_value,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
    except (TypeError, ValueError) as error:
        raise AuditDetailsInvalid(f"Audit details are not plain JSON: {error}") from error


def canonical_details(details: Mapping[str, Any] | None) -> str:
    """Details as the canonical JSON text that is stored and hashed."""
    if details is None:
        return "{}"
    if not isinstance(details, Mapping):
        raise AuditDetailsInvalid("Audit details must be a mapping of names to values.")
    return canonical_json(details)


def normalise_person_ids(person_ids: Sequence[int]) -> list[int]:
    """Distinct positive person ids in ascending order."""
    if isinstance(person_ids, str | bytes):
        raise AuditDetailsInvalid("Person ids must be a list of integers.")
    ids = set()
    for person_id in person_ids:
        if isinstance(person_id, bool) or not isinstance(person_id, int) or person_id < 1:
            raise AuditDetailsInvalid(f"Person id {person_id!r} is not a positive integer.")
        ids.add(person_id)
    return sorted(ids)


def _payload(fields: Mapping[str, Any]) -> dict[str, Any]:
    occurred_at: dt.datetime = fields["occurred_at"]
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return payload


def hash_event_fields(fields: Mapping[str, Any]) -> str:
    """SHA-256 hex digest of the canonical JSON of exactly the hashed fields (unkeyed epoch)."""
    return hashlib.sha256(canonical_json(_payload(fields)).encode("utf-8")).hexdigest()


def seal_event_fields(fields: Mapping[str, Any], *, key_id: str, key: bytes) -> str:
    """HMAC-SHA256 hex digest, under `key`, of the hashed fields and the key id itself."""
    payload = _payload(fields) | {"key_id": key_id}
    return hmac.new(key, canonical_json(payload).encode("utf-8"), hashlib.sha256).hexdigest()
