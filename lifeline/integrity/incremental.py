"""Checking one new person against everyone already known, from an encrypted snapshot."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lifeline.integrity.features import person_features
from lifeline.integrity.linkage import (
    BLOCKED_COLUMNS as _BLOCKED,
)
from lifeline.integrity.linkage import (
    MATCH_THRESHOLD,
    given_name_veto_sql,
    make_linker,
    register_features,
)

_MAGIC = b"LLIX1"
# The index keeps only what matching needs: comparison keys, never raw names or documents.
_TF_COLUMNS = ("given_key", "family_key")
# One indexed point lookup per blocking rule (an OR of them would scan the whole table).
_LOOKUPS = (
    ("family_key", "dob = $dob"),
    ("given_key", "dob = $dob"),
    (
        "given_skeleton",
        "(dob = $dob OR (family_skeleton = $family_skeleton AND dob_year = $dob_year))",
    ),
    ("ssn_block", "true"),
    ("email_block", "true"),
    ("passport_block", "true"),
    ("phone_block", "(given_skeleton = $given_skeleton OR family_key = $family_key)"),
    ("address_unit_block", "(given_skeleton = $given_skeleton OR family_key = $family_key)"),
)
_PARAM_OF = {"ssn_block": "ssn", "email_block": "email", "passport_block": "passport",
             "phone_block": "phone", "address_unit_block": "address_unit"}  # fmt: skip
_CANDIDATE_SQL = " UNION ".join(
    f"SELECT * FROM people WHERE {column} = ${_PARAM_OF.get(column, column)} AND {extra}"  # noqa: S608
    for column, extra in _LOOKUPS
)


@dataclass(frozen=True)
class Match:
    """A known record the new person matches, with its person cluster and probability."""

    unique_id: int
    cluster_id: int
    match_probability: float


class IdentityIndex:
    """An in-memory DuckDB copy of the identity index. One matching worker writes snapshots;
    each web process loads its own read-only copy, so DuckDB's single-writer rule never bites."""

    def __init__(self, features: pa.Table, clusters: np.ndarray) -> None:
        self._features = features.append_column("cluster_id", pa.array(clusters, pa.int64()))
        self._con = duckdb.connect()
        self._con.execute("SET enable_progress_bar = false")
        register_features(self._con, features, "people")
        for column, _ in _LOOKUPS:
            self._con.execute(f"CREATE INDEX people_{column} ON people ({column})")
        tf = {}
        for column in _TF_COLUMNS:
            tf[column] = self._con.sql(
                f"SELECT {column}, count(*) / (SELECT count(*) FROM people) AS tf_{column} "  # noqa: S608
                f"FROM people WHERE {column} IS NOT NULL GROUP BY {column}"
            ).fetchall()
        self._tf = {column: dict(rows) for column, rows in tf.items()}
        self._cluster_of = self._features.column("cluster_id").to_numpy()
        self._linker = make_linker(self._con, "people")
        self._veto = given_name_veto_sql(self._linker._settings_obj.as_dict())

    def save(self, path: Path, *, key: bytes) -> None:
        """Write the snapshot encrypted with AES-GCM (atomically: a temp file, then rename)."""
        buffer = io.BytesIO()
        pq.write_table(self._features, buffer, compression="zstd")
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, buffer.getvalue(), _MAGIC)
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(_MAGIC + nonce + sealed)
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, *, key: bytes) -> IdentityIndex:
        """Open a snapshot written by `save`; a wrong key or a changed file is refused."""
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            raise ValueError("Not an identity index snapshot.")
        nonce, sealed = raw[len(_MAGIC) : len(_MAGIC) + 12], raw[len(_MAGIC) + 12 :]
        table = pq.read_table(io.BytesIO(AESGCM(key).decrypt(nonce, sealed, _MAGIC)))
        clusters = table.column("cluster_id").to_numpy()
        return cls(table.drop_columns(["cluster_id"]), clusters)

    def check(
        self, record: dict[str, str | None], *, threshold: float = MATCH_THRESHOLD
    ) -> list[Match]:
        """Known records that are the same person as `record` (fields as in `resolve`)."""
        new = person_features({k: [v] for k, v in record.items()}).to_pylist()[0]
        new["unique_id"] = -1
        new |= {f"{column}_block": new[column] for column in _BLOCKED}
        params = {
            name: new[name]
            for name in ("family_key", "dob", "given_key", "given_skeleton", "family_skeleton",
                         "dob_year", "ssn", "email", "passport", "phone", "address_unit")
        }  # fmt: skip
        rows = self._con.sql(_CANDIDATE_SQL, params=params).to_arrow_table().to_pylist()
        if not rows:
            return []
        for row in (*rows, new):
            for column in _TF_COLUMNS:
                row[f"tf_{column}"] = self._tf[column].get(
                    row[column], 1 / max(1, len(self._cluster_of))
                )
        scored = self._linker.inference.score_pairs([new], rows)
        matches = self._con.sql(
            f"SELECT unique_id_r, match_probability FROM {scored.physical_name} "  # noqa: S608
            f"WHERE match_probability >= {float(threshold)} AND NOT ({self._veto})"
        ).fetchall()
        scored.drop_table_from_database_and_remove_from_cache()
        return sorted(
            (Match(int(uid), int(self._cluster_of[uid]), float(p)) for uid, p in matches),
            key=lambda m: -m.match_probability,
        )
