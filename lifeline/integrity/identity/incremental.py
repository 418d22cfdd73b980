"""Checking one new person against everyone already known, from an encrypted snapshot."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import (
    MATCH_THRESHOLD,
    blocking_key_pairs,
    load_model,
    make_linker,
    with_blocking_columns,
)
from lifeline.integrity.identity.pair_scoring import PairScorer

_MAGIC = b"LLIX1"
# The index keeps only what matching needs: comparison keys, never raw names or documents.
_TF_COLUMNS = ("given_key", "family_key")


@dataclass(frozen=True)
class Match:
    """A known record the new person matches, with its person cluster and probability."""

    unique_id: int
    cluster_id: int
    match_probability: float


@dataclass(frozen=True)
class _RuleKeys:
    """One blocking rule's key hashes over the known people, sorted, with their rows."""

    hashes: np.ndarray
    rows: np.ndarray

    def rows_for(self, key_hash: int) -> np.ndarray:
        key = np.uint64(key_hash)  # a Python int would make numpy convert the whole array
        start = np.searchsorted(self.hashes, key, side="left")
        stop = np.searchsorted(self.hashes, key, side="right")
        return self.rows[start:stop]


def _hash_sql(keys: list[str], side: str) -> str:
    """DuckDB's hash of the keys on one side of a rule, null when any key is blank."""
    columns = [f"{side}.{key}" for key in keys]
    present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    return f"CASE WHEN {present} THEN hash({', '.join(columns)}) END"


class IdentityIndex:
    """The identity index in memory: for each blocking rule, the known people's key hashes,
    sorted for point lookups; a check scores its few candidates with the model in Python. One
    matching worker writes snapshots; each web process loads its own read-only copy, so
    DuckDB's single-writer rule never bites (DuckDB here only hashes keys, in memory)."""

    def __init__(self, features: pa.Table, clusters: np.ndarray) -> None:
        self._features = features.append_column("cluster_id", pa.array(clusters, pa.int64()))
        self._cluster_of = np.asarray(clusters, dtype=np.int64)
        people = with_blocking_columns(features)
        self._tf_counts: dict[str, dict[str, int]] = {}
        for column in _TF_COLUMNS:
            counted = people.column(column).value_counts().to_pylist()
            self._tf_counts[column] = {c["values"]: c["counts"] for c in counted if c["values"]}
        self._people = self._with_term_frequencies(people).combine_chunks()
        self._con = duckdb.connect()
        self._con.execute("SET enable_progress_bar = false")
        self._con.register("people", self._people.slice(0, 0))
        linker = make_linker(self._con, "people", n_records=features.num_rows)
        self._rules = blocking_key_pairs(linker)
        self._keys = [self._rule_keys([right for _, right in pairs]) for pairs in self._rules]
        self._scorer = PairScorer(load_model(), features.num_rows)
        probes = [_hash_sql([left for left, _ in pairs], "l") for pairs in self._rules]
        self._probe_sql = f"SELECT {', '.join(probes)} FROM new_person AS l"  # noqa: S608

    def _with_term_frequencies(self, people: pa.Table) -> pa.Table:
        """Each name key's share of the known people's non-blank keys (as Splink computes
        it) in a `tf_` column; a key that nobody known has counts as one in N."""
        unseen = 1 / max(1, self._cluster_of.size)
        for column in _TF_COLUMNS:
            encoded = people.column(column).combine_chunks().dictionary_encode()
            counts = self._tf_counts[column]
            total = max(1, sum(counts.values()))
            shares = [
                counts[v] / total if v in counts else unseen for v in encoded.dictionary.to_pylist()
            ]
            people = people.append_column(
                f"tf_{column}", pa.array(shares, pa.float64()).take(encoded.indices)
            )
        return people

    def _rule_keys(self, keys: list[str]) -> _RuleKeys:
        self._con.register("known_people", self._people)
        try:
            found = self._con.sql(
                f"SELECT * FROM (SELECT {_hash_sql(keys, 'r')} AS h, unique_id "  # noqa: S608
                "FROM known_people AS r) WHERE h IS NOT NULL ORDER BY h"
            ).fetchnumpy()
        finally:
            self._con.unregister("known_people")
        return _RuleKeys(hashes=found["h"], rows=found["unique_id"])

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
        """Open a snapshot written by `save` (decrypted once, in memory only); a wrong key or
        a changed file is refused."""
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            raise ValueError("Not an identity index snapshot.")
        nonce, sealed = raw[len(_MAGIC) : len(_MAGIC) + 12], raw[len(_MAGIC) + 12 :]
        table = pq.read_table(io.BytesIO(AESGCM(key).decrypt(nonce, sealed, _MAGIC)))
        clusters = table.column("cluster_id").to_numpy()
        return cls(table.drop_columns(["cluster_id"]), clusters)

    def _as_features(self, record: Mapping[str, str | None]) -> pa.Table:
        new = with_blocking_columns(person_features({k: [v] for k, v in record.items()}))
        return self._with_term_frequencies(new.set_column(0, "unique_id", pa.array([-1])))

    def _candidate_rows(self, new: pa.Table) -> np.ndarray:
        cursor = self._con.cursor()  # one per check: checks may run on several threads
        try:
            cursor.register("new_person", new)
            probes = cursor.execute(self._probe_sql).fetchall()[0]
        finally:
            cursor.close()
        found = [keys.rows_for(h) for keys, h in zip(self._keys, probes, strict=True)
                 if h is not None]  # fmt: skip
        return np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)

    def candidates(self, record: Mapping[str, str | None]) -> np.ndarray:
        """Rows of the known people that a blocking rule pairs with `record`: the pairs
        batch resolution would score, and the only ones `check` scores."""
        return self._candidate_rows(self._as_features(record))

    def check(
        self, record: Mapping[str, str | None], *, threshold: float = MATCH_THRESHOLD
    ) -> list[Match]:
        """Known records that are the same person as `record` (fields as in `resolve`)."""
        new = self._as_features(record)
        candidates = self._people.take(self._candidate_rows(new)).to_pylist()
        matches = self._scorer.matches(new.to_pylist()[0], candidates, threshold)
        return sorted(
            (
                Match(row["unique_id"], int(self._cluster_of[row["unique_id"]]), probability)
                for row, probability in matches
            ),
            key=lambda m: -m.match_probability,
        )
