"""Shared-identifier rings: a degree screen and connected components over forms and values."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from lifeline.core.masking import SEALED_KINDS, masked
from lifeline.integrity.identity.features import (
    Column,
    DistinctValues,
    as_strings,
    person_features,
)
from lifeline.integrity.identity.linkage import resolve
from lifeline.integrity.normalise.identifiers import check_ssn, hash_identifier
from lifeline.integrity.normalise.names import name_keys
from lifeline.integrity.normalise.narratives import narrative_groups
from lifeline.integrity.rings.policy import RingPolicy, normalise_value
from lifeline.integrity.rings.rules import RULE_FOR_KIND, combine, evidence_strength

# Kinds whose join values are hashed with the run's own key before any signal is made.
HASHED_KINDS = frozenset({"bank_account"})

_SUPPORTER_FIELDS = {
    "supporter_given_name": "given_name", "supporter_family_name": "family_name",
    "supporter_birth_date": "birth_date", "supporter_ssn": "ssn", "supporter_phone": "phone",
    "supporter_email": "email", "supporter_address": "address",
}  # fmt: skip
_KIND_FIELDS = {
    "phone": "supporter_phone", "address": "supporter_address", "email": "supporter_email",
    "ip": "supporter_ip", "bank_account": "supporter_bank_account",
}  # fmt: skip
Progress = Callable[[str], None]
_EDGE = pa.struct([("row", pa.int64()), ("kind", pa.string()), ("value", pa.string())])
_EDGE_SCHEMA = pa.schema(list(_EDGE))
_FIELD_SEPARATOR = "\x1f"
_OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
_CANONICAL_IPV4 = rf"^{_OCTET}(\.{_OCTET}){{3}}$"


@dataclass(frozen=True)
class Signal:
    """One value or supporter that triggered a rule, with its counts."""

    rule_code: str
    kind: str
    value: str
    forms: int
    households: int
    strength: float

    @property
    def shown_value(self) -> str:
        """The value as a reader may see it: a bank account is already a keyed hash here, an
        SSN is masked to its last four, anything else as it is."""
        if self.kind in HASHED_KINDS:
            return f"{SEALED_KINDS[self.kind]} (keyed hash)"
        if self.kind in SEALED_KINDS:
            return masked(self.kind, self.value)
        return self.value


@dataclass
class RingReport:
    """Flagged forms (row -> ring, rules, score) and each ring's evidence."""

    ring_of_row: dict[int, str] = field(default_factory=dict)
    rules_of_row: dict[int, list[str]] = field(default_factory=dict)
    score_of_ring: dict[str, float] = field(default_factory=dict)
    evidence_of_ring: dict[str, list[Signal]] = field(default_factory=dict)


def resolve_supporters(columns: Mapping[str, Column], n_rows: int) -> tuple[np.ndarray, list[str]]:
    """A resolved supporter id per form, and a household key (surname, or the supporter).
    Forms repeating a supporter's exact details are resolved once."""
    mapped = {target: as_strings(columns[source]) for source, target in _SUPPORTER_FIELDS.items()
              if source in columns}  # fmt: skip
    if not mapped or not n_rows:
        return np.arange(n_rows), [f"s{i}" for i in range(n_rows)]
    # one key per form, nulls kept apart from blanks; distinct keys numbered by first appearance
    key = pc.binary_join_element_wise(*mapped.values(), _FIELD_SEPARATOR,
                                      null_handling="replace", null_replacement="\x00")  # fmt: skip
    row_to_unique = key.dictionary_encode().indices.to_numpy()
    first_rows = np.unique(row_to_unique, return_index=True)[1]
    distinct = {name: column.take(first_rows) for name, column in mapped.items()}
    if "given_name" in mapped and "family_name" in mapped:
        features = person_features(distinct)
        clusters = resolve(features).cluster_of_row
        tokens = features.column("family_tokens")
    else:
        clusters = np.arange(len(first_rows))
        tokens = _first_surname_tokens(distinct.get("family_name"), len(first_rows))
    supporter = clusters[row_to_unique]
    # the paternal (first) surname token of each supporter's first form
    first_of_cluster = np.full(int(clusters.max()) + 1, len(first_rows), dtype=np.int64)
    np.minimum.at(first_of_cluster, clusters, np.arange(len(first_rows)))
    heads, head_of_unique = np.unique(first_of_cluster[clusters], return_inverse=True)
    surnames = [t[0] if t else "" for t in tokens.take(pa.array(heads)).to_pylist()]
    per_unique = [surnames[head] or f"s{cluster}" for head, cluster in
                  zip(head_of_unique.tolist(), clusters.tolist(), strict=True)]  # fmt: skip
    return supporter, pa.array(per_unique).take(pa.array(row_to_unique)).to_pylist()


def _first_surname_tokens(families: pa.Array | None, n: int) -> pa.Array:
    if families is None:
        return pa.nulls(n, pa.list_(pa.string()))
    keys = [name_keys(f) for f in families.to_pylist()]
    return pa.array([list(k.tokens) if k else None for k in keys], pa.list_(pa.string()))


def identifier_table(
    columns: Mapping[str, Column], policy: RingPolicy, hash_key: bytes
) -> tuple[pa.Table, list[int]]:
    """(row, kind, value) for every non-blank, non-hub identifier, and the rows with invalid
    SSNs; each normaliser runs once per distinct value of its column, and the edges stay in
    Arrow. No worker processes: shipping the values to them cost more than it saved, and a
    process must not fork once DuckDB's threads are running (supporters are resolved first)."""
    parts = []
    for kind, source in _KIND_FIELDS.items():
        if source in columns:
            distinct = DistinctValues(columns[source])
            values = _normalised(kind, distinct)
            keys = _join_keys(kind, values, policy, hash_key)
            parts.append(_edges(kind, distinct.spread(keys, pa.string())))
    invalid_ssn: list[int] = []
    if "supporter_ssn" in columns:
        ssn_edges, invalid_ssn = _ssn_edges(columns["supporter_ssn"])
        parts.append(ssn_edges)
    if "narrative" in columns:
        parts.append(_edges("narrative", narrative_groups(as_strings(columns["narrative"]))))
    return (pa.concat_tables(parts) if parts else _EDGE_SCHEMA.empty_table()), invalid_ssn


def _ssn_edges(column: Column) -> tuple[pa.Table, list[int]]:
    """Edges of usable SSNs (placeholders left out), and the rows whose SSN was never issued."""
    distinct = DistinctValues(column)
    checks = [check_ssn(value) for value in distinct.values]
    usable = [c.digits if c.digits and "placeholder" not in c.problems else None for c in checks]
    never_issued = [bool(u and c.problems) for u, c in zip(usable, checks, strict=True)]
    invalid = pc.fill_null(distinct.spread(never_issued, pa.bool_()), False)
    rows = np.flatnonzero(invalid.to_numpy(zero_copy_only=False)).tolist()
    return _edges("ssn", distinct.spread(usable, pa.string())), rows


def _normalised(kind: str, distinct: DistinctValues) -> list[str | None]:
    """`normalise_value` of each distinct value; a dotted IPv4 address already in canonical
    form (most of them) is recognised in bulk and kept as it is."""
    if kind != "ip":
        return distinct.apply(partial(normalise_value, kind))
    values = pc.utf8_trim_whitespace(pa.array(distinct.values, pa.string()))
    canonical = pc.match_substring_regex(values, _CANONICAL_IPV4).to_numpy(zero_copy_only=False)
    out: list[str | None] = values.to_pylist()
    for index in np.flatnonzero(~canonical).tolist():
        out[index] = normalise_value(kind, distinct.values[index])
    return out


def _join_keys(
    kind: str, values: list[str | None], policy: RingPolicy, hash_key: bytes
) -> list[str | None]:
    """The values that may join forms: hub values left out, bank accounts hashed."""
    hubs = {value for hub_kind, value in policy.hub_values if hub_kind == kind}
    kept = [None if value in hubs else value for value in values]
    if kind not in HASHED_KINDS:
        return kept
    return [None if value is None else hash_identifier(value, key=hash_key) or "" for value in kept]


def _edges(kind: str, value_of_row: pa.Array) -> pa.Table:
    rows = pc.indices_nonzero(pc.is_valid(value_of_row)).cast(pa.int64())
    values = value_of_row.take(rows)
    return pa.table([rows, pa.repeat(kind, len(rows)), values], schema=_EDGE_SCHEMA)


def supporter_edges(supporter: np.ndarray) -> pa.Table:
    """One (row, "supporter", resolved supporter id) edge per form."""
    ids = pc.cast(pa.array(supporter, pa.int64()), pa.string())
    rows = pa.array(np.arange(len(supporter), dtype=np.int64))
    return pa.table([rows, pa.repeat("supporter", len(supporter)), ids], schema=_EDGE_SCHEMA)


def identifier_edges(
    columns: dict[str, list[str | None]], n_rows: int, policy: RingPolicy, hash_key: bytes
) -> tuple[list[tuple[int, str, str]], list[int]]:
    """`identifier_table` as (row, kind, value) tuples, for callers that add edges of their own."""
    table, invalid_ssn = identifier_table(columns, policy, hash_key)
    del n_rows
    edges = zip(*(table.column(name).to_pylist() for name in _EDGE_SCHEMA.names), strict=True)
    return list(edges), invalid_ssn


def edge_table(edges: list[tuple[int, str, str]]) -> pa.Table:
    """The (row, kind, value) edges as an Arrow table for DuckDB (converted in one pass)."""
    return pa.Table.from_struct_array(pa.array(edges, type=_EDGE))


def degree_screen(
    edges: pa.Table, supporter: np.ndarray, household: list[str], policy: RingPolicy
) -> list[Signal]:
    """Values used by too many unrelated households, SSNs under several supporters, and
    supporters on too many forms."""
    forms = pa.table({"row": np.arange(len(household)), "supporter": supporter,
                      "household": household})  # fmt: skip
    with duckdb.connect() as con:
        con.register("forms", forms)
        con.register("edges", edges)
        values = con.sql(
            "SELECT kind, value, count(DISTINCT row) AS n_forms, "
            "count(DISTINCT household) AS n_households "
            "FROM edges JOIN forms USING (row) WHERE kind <> 'supporter' GROUP BY kind, value "
            "HAVING count(DISTINCT household) > 1"
        ).fetchall()
        serial = con.sql(
            "SELECT supporter, count(*) FROM forms GROUP BY supporter HAVING count(*) >= $n",
            params={"n": policy.serial_sponsor_forms},
        ).fetchall()
    signals = []
    for kind, value, n_forms, n_households in values:
        code = RULE_FOR_KIND[kind]
        count, threshold = (
            (n_households, 2) if kind == "ssn" else (n_households, policy.shared_households[kind])
        )
        if count >= threshold:
            strength = evidence_strength(code, count=count, threshold=threshold)
            signals.append(Signal(code, kind, value, n_forms, n_households, strength))
    for supporter_id, n_forms in serial:
        strength = evidence_strength(
            "SERIAL_SPONSOR", count=n_forms, threshold=policy.serial_sponsor_forms
        )
        signals.append(
            Signal("SERIAL_SPONSOR", "supporter", str(supporter_id), n_forms, 1, strength)
        )
    return signals


def detect_rings(
    columns: Mapping[str, Column],
    *,
    policy: RingPolicy,
    hash_key: bytes | None = None,
    progress: Progress | None = None,
) -> RingReport:
    """Flag forms that touch a signal and group them into rings with a score and evidence."""
    note = progress or (lambda _message: None)
    n_rows = len(next(iter(columns.values())))
    note("resolving supporters")
    supporter, household = resolve_supporters(columns, n_rows)
    note("normalising identifiers")
    table, invalid_ssn = identifier_table(columns, policy, hash_key or secrets.token_bytes(32))
    table = pa.concat_tables([table, supporter_edges(supporter)])
    note("degree screen")
    signals = degree_screen(table, supporter, household, policy)
    note("connected components")
    return assemble_rings(n_rows, table, signals, invalid_ssn)


def assemble_rings(
    n_rows: int, edges: pa.Table, signals: list[Signal], invalid_ssn: list[int]
) -> RingReport:
    """Flag the forms touching a signal; rings are connected components of flagged forms and
    all their (non-hub) values."""
    signal_table = pa.table({"kind": [s.kind for s in signals], "value": [s.value for s in signals],
                             "signal": pa.array(range(len(signals)), pa.int64())})  # fmt: skip
    with duckdb.connect() as con:
        con.register("edges", edges)
        con.register("signals", signal_table)
        hits = con.sql("SELECT row, signal FROM edges JOIN signals USING (kind, value)").fetchall()
        con.register("flagged", pa.table({"row": sorted({r for r, _ in hits} | set(invalid_ssn))}))
        linked = con.sql(
            "SELECT row, dense_rank() OVER (ORDER BY kind, value) - 1 AS value_id "
            "FROM edges SEMI JOIN flagged USING (row)"
        ).fetchnumpy()
    rules_of_row: dict[int, set[str]] = defaultdict(set)
    signals_of_row: dict[int, set[Signal]] = defaultdict(set)
    for row, index in hits:
        rules_of_row[row].add(signals[index].rule_code)
        signals_of_row[row].add(signals[index])
    invalid = Signal("SSN_INVALID", "ssn_structure", "never issued", 1, 1, 0.4)
    for row in invalid_ssn:
        rules_of_row[row].add("SSN_INVALID")
        signals_of_row[row].add(invalid)
    flagged = sorted(rules_of_row)
    rows = linked["row"].astype(np.int64)
    cols = n_rows + linked["value_id"].astype(np.int64)
    size = n_rows + (int(cols.max()) - n_rows + 1 if len(cols) else 0)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for row in flagged:
        members[labels[row]].append(row)
    report = RingReport()
    ordered = sorted(members.values(), key=lambda rs: (-len(rs), rs[0]))
    for number, ring_rows in enumerate(ordered, start=1):
        ring_id = f"R{number:05d}"
        evidence = sorted({s for r in ring_rows for s in signals_of_row[r]},
                          key=lambda s: -s.strength)  # fmt: skip
        report.score_of_ring[ring_id] = combine([s.strength for s in evidence])
        report.evidence_of_ring[ring_id] = evidence
        for row in ring_rows:
            report.ring_of_row[row] = ring_id
            report.rules_of_row[row] = sorted(rules_of_row[row])
    return report
