"""Person records to the comparison columns the linkage model reads."""

from __future__ import annotations

import re
from functools import lru_cache

import pyarrow as pa

from lifeline.integrity.normalise.addresses import address_keys
from lifeline.integrity.normalise.contact import normalise_email, normalise_phone
from lifeline.integrity.normalise.dates import parse_birth_date
from lifeline.integrity.normalise.identifiers import check_ssn
from lifeline.integrity.normalise.names import given_name_groups, name_keys

FEATURE_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("given_plain", pa.string()),
        ("given_key", pa.string()),
        ("given_skeleton", pa.string()),
        ("given_tokens", pa.list_(pa.string())),
        ("given_groups", pa.list_(pa.string())),
        ("family_plain", pa.string()),
        ("family_key", pa.string()),
        ("family_skeleton", pa.string()),
        ("family_tokens", pa.list_(pa.string())),
        ("dob", pa.string()),
        ("dob_year", pa.int32()),
        ("dob_month", pa.int32()),
        ("dob_day", pa.int32()),
        ("sex", pa.string()),
        ("nationality", pa.string()),
        ("ssn", pa.string()),
        ("phone", pa.string()),
        ("email", pa.string()),
        ("address_building", pa.string()),
        ("address_unit", pa.string()),
        ("passport", pa.string()),
    ]
)


_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


@lru_cache(maxsize=100_000)
def _clean_code(raw: str | None) -> str | None:
    text = (raw or "").strip().upper()
    return text[:1] if text and text[0] in "FMX" else None


@lru_cache(maxsize=500_000)
def _clean_token(raw: str | None) -> str | None:
    return _NOT_ALNUM.sub("", raw).upper() or None if raw else None


def _usable_ssn(raw: str | None) -> str | None:
    check = check_ssn(raw)
    return check.digits if check.digits and "placeholder" not in check.problems else None


def person_features(columns: dict[str, list[str | None]]) -> pa.Table:
    """One feature row per input row, built column by column; missing fields are null."""
    n = len(next(iter(columns.values()))) if columns else 0
    blank: list[str | None] = [None] * n
    get = {field: columns.get(field, blank) for field in (
        "given_name", "family_name", "birth_date", "sex", "nationality", "ssn", "phone",
        "email", "address", "city", "postcode", "passport_number",
    )}  # fmt: skip
    given = [name_keys(v) for v in get["given_name"]]
    family = [name_keys(v) for v in get["family_name"]]
    born = [parse_birth_date(v) for v in get["birth_date"]]
    addresses = [
        address_keys(a, c, p)
        for a, c, p in zip(get["address"], get["city"], get["postcode"], strict=True)
    ]
    rows = {
        "unique_id": range(n),
        "given_plain": [k.romanised.replace(" ", "") if k else None for k in given],
        "given_key": [k.key if k else None for k in given],
        "given_skeleton": [k.skeleton if k else None for k in given],
        "given_tokens": [list(k.tokens) if k else None for k in given],
        "given_groups": [list(given_name_groups(v)) or None for v in get["given_name"]],
        "family_plain": [k.romanised.replace(" ", "") if k else None for k in family],
        "family_key": [k.key if k else None for k in family],
        "family_skeleton": [k.skeleton if k else None for k in family],
        "family_tokens": [list(k.tokens) if k else None for k in family],
        "dob": [d.isoformat() if d else None for d in born],
        "dob_year": [d.year if d else None for d in born],
        "dob_month": [d.month if d else None for d in born],
        "dob_day": [d.day if d else None for d in born],
        "sex": [_clean_code(v) for v in get["sex"]],
        "nationality": [_clean_token(v) for v in get["nationality"]],
        "ssn": [_usable_ssn(v) for v in get["ssn"]],
        "phone": [normalise_phone(v) for v in get["phone"]],
        "email": [normalise_email(v) for v in get["email"]],
        "address_building": [a.building if a else None for a in addresses],
        "address_unit": [a.unit if a else None for a in addresses],
        "passport": [_clean_token(v) for v in get["passport_number"]],
    }
    return pa.table({name: rows[name] for name in FEATURE_SCHEMA.names}, schema=FEATURE_SCHEMA)
