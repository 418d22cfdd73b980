"""Person records to the comparison columns the linkage model reads."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lifeline.integrity.normalise.addresses import address_keys
from lifeline.integrity.normalise.contact import normalise_email, normalise_phone
from lifeline.integrity.normalise.dates import parse_birth_date
from lifeline.integrity.normalise.identifiers import check_ssn
from lifeline.integrity.normalise.names import NameKeys, given_name_groups, name_keys

FEATURE_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("given_plain", pa.string()),
        ("given_key", pa.string()),
        ("given_skeleton", pa.string()),
        ("given_tokens", pa.list_(pa.string())),
        ("given_groups", pa.list_(pa.string())),
        ("given_readings", pa.list_(pa.string())),
        ("family_plain", pa.string()),
        ("family_key", pa.string()),
        ("family_skeleton", pa.string()),
        ("family_tokens", pa.list_(pa.string())),
        ("family_readings", pa.list_(pa.string())),
        ("family_first", pa.string()),
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
PERSON_INPUT_FIELDS = (
    "given_name", "family_name", "birth_date", "sex", "nationality", "ssn", "phone",
    "email", "address", "city", "postcode", "passport_number",
)  # fmt: skip
type Column = Sequence[str | None] | pa.Array | pa.ChunkedArray

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_FIELD_SEPARATOR = "\x1f"
# Below this many rows, starting worker processes costs more than normalising in one.
PARALLEL_MIN_ROWS = 200_000
_MAX_WORKERS = 4


def _clean_code(raw: str) -> str | None:
    text = raw.strip().upper()
    return text[:1] if text and text[0] in "FMX" else None


def _clean_tokens(values: Column) -> pa.Array:
    """Letters and digits only, upper-cased; null when nothing is left (whole column at once)."""
    cleaned = pc.utf8_upper(pc.replace_substring_regex(as_strings(values), _NOT_ALNUM.pattern, ""))
    return pc.if_else(pc.equal(cleaned, ""), pa.scalar(None, pa.string()), cleaned)


# Each distinct value is normalised once, so the normalisers' own caches would only cost time
# and memory here: these call the functions under the caches.
def _phone(raw: str) -> str | None:
    return normalise_phone.__wrapped__(raw)


def _email(raw: str) -> str | None:
    return normalise_email.__wrapped__(raw)


def _usable_ssn(raw: str) -> str | None:
    check = check_ssn(raw)
    return check.digits if check.digits and "placeholder" not in check.problems else None


def as_strings(values: Column) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(values, pa.string())
    return values.cast(pa.string())


def _normalise_chunk(normalise: Callable[[str], Any], values: list[str]) -> list[Any]:
    return [normalise(value) for value in values]


@contextmanager
def normaliser_pool(n_rows: int) -> Iterator[Executor | None]:
    """Worker processes for a file large enough to repay starting them, one per core; None on
    a one-core machine or for a small file. They are forked (a spawned worker would re-import
    the caller's main module) and only ever run the pure-Python normalisers."""
    count = min(os.cpu_count() or 1, _MAX_WORKERS)
    if n_rows < PARALLEL_MIN_ROWS or count < 2:
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        yield pool


class DistinctValues:
    """A text column as its distinct values and, per row, the index of its value (null for
    blanks), so each normaliser runs once per distinct value rather than once per row."""

    def __init__(self, values: Column) -> None:
        encoded = as_strings(values).dictionary_encode()
        self.values: list[str] = encoded.dictionary.to_pylist()
        self.indices = encoded.indices

    def apply(self, normalise: Callable[[str], Any], pool: Executor | None = None) -> list[Any]:
        """The normaliser's result per distinct value, split over the pool's workers if any
        (the normaliser must then be a module-level function, to reach the workers)."""
        if pool is None or len(self.values) < PARALLEL_MIN_ROWS // 4:
            return _normalise_chunk(normalise, self.values)
        size = -(-len(self.values) // (2 * _MAX_WORKERS))
        chunks = [self.values[start : start + size] for start in range(0, len(self.values), size)]
        parts = pool.map(_normalise_chunk, [normalise] * len(chunks), chunks)
        return [result for part in parts for result in part]

    def spread(self, per_value: Iterable[Any], kind: pa.DataType) -> pa.Array:
        """One output per row from one output per distinct value."""
        return pa.array(list(per_value), kind).take(self.indices)


def _joined_address_keys(joined: str) -> tuple[str, str] | None:
    street, city, postcode = joined.split(_FIELD_SEPARATOR)
    keys = address_keys.__wrapped__(street, city or None, postcode or None)
    return (keys.building, keys.unit) if keys else None


def _addresses(
    address: Column, city: Column, postcode: Column, pool: Executor | None
) -> tuple[pa.Array, pa.Array]:
    """Building and unit keys, parsed once per distinct (address, city, postcode)."""
    parts = [as_strings(c) for c in (address, city, postcode)]
    joined = pc.binary_join_element_wise(*[pc.fill_null(p, "") for p in parts], _FIELD_SEPARATOR)
    rows = DistinctValues(pc.if_else(pc.is_null(parts[0]), None, joined))
    keys = rows.apply(_joined_address_keys, pool)
    return (
        rows.spread((k[0] if k else None for k in keys), pa.string()),
        rows.spread((k[1] if k else None for k in keys), pa.string()),
    )


def _name_columns(prefix: str, values: Column) -> dict[str, pa.Array]:
    names = DistinctValues(values)
    keys: list[NameKeys | None] = names.apply(name_keys)
    return {
        f"{prefix}_plain": names.spread(
            (k.romanised.replace(" ", "") if k else None for k in keys), pa.string()
        ),
        f"{prefix}_key": names.spread((k.key if k else None for k in keys), pa.string()),
        f"{prefix}_skeleton": names.spread((k.skeleton if k else None for k in keys), pa.string()),
        f"{prefix}_tokens": names.spread(
            (list(k.tokens) if k else None for k in keys), pa.list_(pa.string())
        ),
        f"{prefix}_readings": names.spread(
            (list(k.readings) if k else None for k in keys), pa.list_(pa.string())
        ),
        f"{prefix}_first": names.spread((k.tokens[0] if k else None for k in keys), pa.string()),
    }


def person_features(columns: Mapping[str, Column]) -> pa.Table:
    """One feature row per input row; missing fields are null. Each normaliser runs once per
    distinct value of its column (names, dates and places repeat a lot at national scale)."""
    n = len(next(iter(columns.values()))) if columns else 0
    blank = pa.nulls(n, pa.string())
    get = {field: columns.get(field, blank) for field in PERSON_INPUT_FIELDS}
    given = DistinctValues(get["given_name"])
    dates = DistinctValues(get["birth_date"])
    born = dates.apply(parse_birth_date)
    out: dict[str, pa.Array] = {"unique_id": pa.array(np.arange(n, dtype=np.int64))}
    out |= _name_columns("given", get["given_name"])
    out["given_groups"] = given.spread(
        (list(g) or None for g in given.apply(given_name_groups)), pa.list_(pa.string())
    )
    out |= _name_columns("family", get["family_name"])
    out |= {
        "dob": dates.spread((d.isoformat() if d else None for d in born), pa.string()),
        "dob_year": dates.spread((d.year if d else None for d in born), pa.int32()),
        "dob_month": dates.spread((d.month if d else None for d in born), pa.int32()),
        "dob_day": dates.spread((d.day if d else None for d in born), pa.int32()),
    }
    with normaliser_pool(n) as pool:
        for name, field, normalise in (
            ("sex", "sex", _clean_code),
            ("ssn", "ssn", _usable_ssn),
            ("phone", "phone", _phone),
            ("email", "email", _email),
        ):
            distinct = DistinctValues(get[field])
            out[name] = distinct.spread(distinct.apply(normalise, pool), pa.string())
        out["nationality"] = _clean_tokens(get["nationality"])
        out["passport"] = _clean_tokens(get["passport_number"])
        building, unit = _addresses(get["address"], get["city"], get["postcode"], pool)
    out |= {"address_building": building, "address_unit": unit}
    return pa.table([out[name] for name in FEATURE_SCHEMA.names], schema=FEATURE_SCHEMA)
