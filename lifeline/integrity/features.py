"""Person records to the comparison columns the linkage model reads."""

from __future__ import annotations

from collections.abc import Callable

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


def _clean_code(raw: str | None) -> str | None:
    text = (raw or "").strip().upper()
    return text[:1] if text and text[0] in "FMX" else None


def _clean_token(raw: str | None) -> str | None:
    text = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    return text or None


def person_features(
    columns: dict[str, list[str | None]],
    *,
    progress: Callable[[int], None] | None = None,
) -> pa.Table:
    """One feature row per input row; missing fields are simply null."""
    n = len(next(iter(columns.values()))) if columns else 0
    blank: list[str | None] = [None] * n
    get = {field: columns.get(field, blank) for field in (
        "given_name", "family_name", "birth_date", "sex", "nationality", "ssn", "phone",
        "email", "address", "city", "postcode", "passport_number",
    )}  # fmt: skip
    rows: dict[str, list] = {name: [] for name in FEATURE_SCHEMA.names}
    for i in range(n):
        given, family = name_keys(get["given_name"][i]), name_keys(get["family_name"][i])
        born = parse_birth_date(get["birth_date"][i])
        ssn = check_ssn(get["ssn"][i])
        address = address_keys(get["address"][i], get["city"][i], get["postcode"][i])
        rows["unique_id"].append(i)
        rows["given_plain"].append(given.romanised.replace(" ", "") if given else None)
        rows["given_key"].append(given.key if given else None)
        rows["given_skeleton"].append(given.skeleton if given else None)
        rows["given_tokens"].append(list(given.tokens) if given else None)
        rows["given_groups"].append(list(given_name_groups(get["given_name"][i])) or None)
        rows["family_plain"].append(family.romanised.replace(" ", "") if family else None)
        rows["family_key"].append(family.key if family else None)
        rows["family_skeleton"].append(family.skeleton if family else None)
        rows["family_tokens"].append(list(family.tokens) if family else None)
        rows["dob"].append(born.isoformat() if born else None)
        rows["dob_year"].append(born.year if born else None)
        rows["dob_month"].append(born.month if born else None)
        rows["dob_day"].append(born.day if born else None)
        rows["sex"].append(_clean_code(get["sex"][i]))
        rows["nationality"].append(_clean_token(get["nationality"][i]))
        rows["ssn"].append(ssn.digits if ssn.digits and "placeholder" not in ssn.problems else None)
        rows["phone"].append(normalise_phone(get["phone"][i]))
        rows["email"].append(normalise_email(get["email"][i]))
        rows["address_building"].append(address.building if address else None)
        rows["address_unit"].append(address.unit if address else None)
        rows["passport"].append(_clean_token(get["passport_number"][i]))
        if progress is not None and i % 10_000 == 0:
            progress(i)
    return pa.table(rows, schema=FEATURE_SCHEMA)
