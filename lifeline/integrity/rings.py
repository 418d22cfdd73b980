"""Shared-identifier rings: a degree screen and connected components over forms and values."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from lifeline.integrity.features import person_features
from lifeline.integrity.linkage import resolve
from lifeline.integrity.normalise.identifiers import check_ssn, hash_identifier
from lifeline.integrity.normalise.names import name_keys
from lifeline.integrity.normalise.narratives import near_duplicate_groups
from lifeline.integrity.rings_policy import RingPolicy, normalise_value
from lifeline.integrity.rules import RULE_FOR_KIND, combine, evidence_strength

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


@dataclass(frozen=True)
class Signal:
    """One value or supporter that triggered a rule, with its counts."""

    rule_code: str
    kind: str
    value: str
    forms: int
    households: int
    strength: float


@dataclass
class RingReport:
    """Flagged forms (row -> ring, rules, score) and each ring's evidence."""

    ring_of_row: dict[int, str] = field(default_factory=dict)
    rules_of_row: dict[int, list[str]] = field(default_factory=dict)
    score_of_ring: dict[str, float] = field(default_factory=dict)
    evidence_of_ring: dict[str, list[Signal]] = field(default_factory=dict)


def resolve_supporters(columns: dict[str, list], n_rows: int) -> tuple[np.ndarray, list[str]]:
    """A resolved supporter id per form, and a household key (surname, or the supporter)."""
    mapped = {target: columns[source] for source, target in _SUPPORTER_FIELDS.items()
              if source in columns}  # fmt: skip
    if not mapped:
        return np.arange(n_rows), [f"s{i}" for i in range(n_rows)]
    tuples = list(zip(*mapped.values(), strict=True))
    unique_of: dict[tuple, int] = {}
    row_to_unique = np.fromiter((unique_of.setdefault(t, len(unique_of)) for t in tuples), int)
    distinct = list(unique_of)
    if "given_name" in mapped and "family_name" in mapped:
        unique_columns = {name: [t[i] for t in distinct] for i, name in enumerate(mapped)}
        clusters = resolve(person_features(unique_columns)).cluster_of_row
    else:
        clusters = np.arange(len(distinct))
    supporter = clusters[row_to_unique]
    families = mapped.get("family_name")
    household_of: dict[int, str] = {}
    for row in range(n_rows):
        keys = name_keys(families[row]) if families else None
        # the paternal (first) surname token, one per resolved supporter
        household_of.setdefault(int(supporter[row]), keys.tokens[0] if keys else "")
    household = [household_of[int(s)] or f"s{s}" for s in supporter]
    return supporter, household


def identifier_edges(
    columns: dict[str, list], n_rows: int, policy: RingPolicy, hash_key: bytes
) -> tuple[list[tuple[int, str, str]], list[int]]:
    """(row, kind, value) for every non-blank, non-hub identifier; rows with invalid SSNs."""
    edges: list[tuple[int, str, str]] = []
    for kind, source in _KIND_FIELDS.items():
        for row, raw in enumerate(columns.get(source, ())):
            value = normalise_value(kind, raw)
            if value is None or (kind, value) in policy.hub_values:
                continue
            if kind == "bank_account":
                value = hash_identifier(value, key=hash_key) or ""
            edges.append((row, kind, value))
    invalid_ssn = []
    for row, raw in enumerate(columns.get("supporter_ssn", ())):
        check = check_ssn(raw)
        if check.digits and "placeholder" not in check.problems:
            edges.append((row, "ssn", check.digits))
        if check.digits and check.problems and "placeholder" not in check.problems:
            invalid_ssn.append(row)
    if "narrative" in columns:
        groups = near_duplicate_groups(
            (str(i), text) for i, text in enumerate(columns["narrative"])
        )
        edges.extend((int(row), "narrative", group) for row, group in groups.items())
    del n_rows
    return edges, invalid_ssn


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
    columns: dict[str, list],
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
    edges, invalid_ssn = identifier_edges(
        columns, n_rows, policy, hash_key or secrets.token_bytes(32)
    )
    edges.extend((row, "supporter", str(supporter[row])) for row in range(n_rows))
    table = edge_table(edges)
    del edges
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
