"""Batch identity resolution: Splink on DuckDB scores candidate pairs, then clusters them."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from splink import DuckDBAPI, Linker

from lifeline.integrity.identity.linkage_settings import BLOCKING_VALUE_CAP

MODEL_PATH = Path(__file__).resolve().parent / "trained" / "person-linkage-v2.json"
# Pairs at or above this probability are the same person (fixed on development seeds).
MATCH_THRESHOLD = 0.9
BLOCKED_COLUMNS = ("ssn", "email", "passport", "phone", "address_unit")
# The given-name veto: the given-name comparison's weakest level (counted from the end)
# keep a pair apart unless one of these (comparison, level) agreements lifts it.
VETO_GIVEN_LEVELS = (-1,)
VETO_LIFTED_BY = (("email", 1), ("passport", 1))


@dataclass(frozen=True)
class Resolution:
    """Cluster label per input row, plus the scored pairs that produced it."""

    cluster_of_row: np.ndarray
    pairs: pa.Table  # unique_id_l, unique_id_r, match_probability (after the given-name veto)
    candidate_pairs: int


@cache
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The trained model (comparisons, blocking rules, m and u values) as a settings dict;
    the training provenance moves to the `_training_records` key, read by `prior_for_size`."""
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    training = model.pop("training", {})  # provenance, not a Splink setting
    return model | {"_training_records": int(training.get("records", 0))}


def prior_for_size(model: dict[str, Any], n_records: int) -> float:
    """The prior match probability for `n_records`: true pairs grow with N but all pairs with
    N squared, so above the training size the prior falls as 1/N (it is never raised)."""
    trained = model["probability_two_random_records_match"]
    n_training = model.get("_training_records") or n_records
    return float(trained) * min(1.0, n_training / max(n_records, 1))


def blocking_copy(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    """The column with every value found on more than `BLOCKING_VALUE_CAP` rows blanked."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = values.dictionary_encode()
    # Nulls get a code of their own past the dictionary, so they never count toward a value.
    null_code = len(encoded.dictionary)
    codes = encoded.indices.fill_null(null_code).to_numpy(zero_copy_only=False)
    rows_per_value = np.bincount(codes, minlength=null_code + 1)
    rows_per_value[null_code] = 0
    too_common = pa.array(rows_per_value[codes] > BLOCKING_VALUE_CAP)
    return pc.if_else(too_common, pa.scalar(None, values.type), values)


def with_blocking_columns(features: pa.Table) -> pa.Table:
    """The features plus a blocking-only copy (`<column>_block`) of each identifier."""
    for column in BLOCKED_COLUMNS:
        features = features.append_column(f"{column}_block", blocking_copy(features.column(column)))
    return features


def register_features(con: duckdb.DuckDBPyConnection, features: pa.Table, name: str) -> None:
    """Store the features with blocking-only copies of identifiers, blanked when too common."""
    con.register(f"{name}_arrow", with_blocking_columns(features))
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")  # noqa: S608
    con.unregister(f"{name}_arrow")


def make_linker(
    con: duckdb.DuckDBPyConnection,
    table: str,
    model: dict[str, Any] | None = None,
    *,
    n_records: int | None = None,
) -> Linker:
    """A linker over a registered feature table, with the saved model's parameters and the
    prior for `n_records` people (by default, the table's rows)."""
    db_api = DuckDBAPI(con)
    frame = db_api.register(table, table_name=f"{table}_input")
    settings = dict(model or load_model())
    if n_records is None:
        n_records = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608
    settings["probability_two_random_records_match"] = prior_for_size(settings, n_records)
    settings.pop("_training_records", None)
    settings["retain_intermediate_calculation_columns"] = True  # the veto reads mw_given_name
    return Linker(frame, settings, log_level=logging.WARNING)


def blocking_key_pairs(linker: Linker) -> list[list[tuple[str, str]]]:
    """Each blocking rule as its (left column, right column) equalities; a rule that is not
    a plain conjunction of equalities is refused, since an index could not look it up."""
    rules = []
    for rule in linker._settings_obj._blocking_rules_to_generate_predictions:
        if rule._filter_conditions not in ("", "TRUE"):
            raise ValueError(f"Blocking rule is not a plain key equality: {rule.blocking_rule_sql}")
        rules.append(list(rule._equi_join_conditions))
    return rules


def _key_hash_sql(columns: list[str]) -> str:
    """DuckDB's 64-bit hash of a rule's key columns, null when any of them is blank."""
    present = " AND ".join(f"{column} IS NOT NULL" for column in columns)
    return f"CASE WHEN {present} THEN hash({', '.join(columns)}) END"


def register_blocked_pairs(linker: Linker, table: str) -> None:
    """Compute the candidate pairs of the linker's blocking rules over `table` and hand them
    to the linker, so that `predict` scores exactly these pairs (`match_key` is the first rule
    that makes a pair). Each side of each rule becomes one hashed key column, so a rule is an
    integer self-join and the rules' union one group-by; Splink's own blocking joins on the
    text keys and re-tests every earlier rule on every pair a later rule makes. (Two different
    keys with one 64-bit hash would only add a candidate pair, which the model then scores.)"""
    con = linker._db_api.duckdb_con
    sides: dict[str, str] = {}  # key expression -> its column in the key table
    joins = []
    for index, equalities in enumerate(blocking_key_pairs(linker)):
        names = []
        for columns in ([left for left, _ in equalities], [right for _, right in equalities]):
            expression = _key_hash_sql(columns)
            names.append(sides.setdefault(expression, f"k{len(sides)}"))
        joins.append(
            f"SELECT {index} AS rule, l.unique_id AS id_l, r.unique_id AS id_r "  # noqa: S608
            f"FROM {table}_keys AS l JOIN {table}_keys AS r ON l.{names[0]} = r.{names[1]} "
            "WHERE l.unique_id < r.unique_id"
        )
    keys = ", ".join(f"{expression} AS {name}" for expression, name in sides.items())
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table}_keys AS SELECT unique_id, {keys} FROM {table}"  # noqa: S608
    )
    pairs = f"{table}_blocked_pairs"
    con.execute(
        f"CREATE OR REPLACE TABLE {pairs} AS SELECT CAST(min(rule) AS VARCHAR) AS match_key, "  # noqa: S608
        f"id_l AS join_key_l, id_r AS join_key_r FROM ({' UNION ALL '.join(joins)}) "
        "GROUP BY id_l, id_r"
    )
    con.execute(f"DROP TABLE {table}_keys")
    linker.table_management.register_blocked_pairs_for_predict(
        linker._db_api.register(pairs, table_name=pairs)
    )


def _level_weight(model: dict[str, Any], comparison_name: str, index: int) -> float:
    comparison = next(c for c in model["comparisons"] if c["output_column_name"] == comparison_name)
    level = comparison["comparison_levels"][index]
    return math.log2(level["m_probability"] / level["u_probability"])


def given_name_veto_sql(model: dict[str, Any]) -> str:
    """SQL true when the given names disagree (the comparison's weakest level: no shared key,
    nickname, reading, skeleton or token, not swapped, more than one edit apart on the folded
    keys, Jaro-Winkler below 0.8), unless
    the e-mail address or passport number agree exactly."""

    def at(name: str, index: int) -> str:
        return f"abs(mw_{name} - ({_level_weight(model, name, index)!r})) < 1e-9"

    disagree = " OR ".join(at("given_name", index) for index in VETO_GIVEN_LEVELS)
    lifted = " OR ".join(at(name, index) for name, index in VETO_LIFTED_BY)
    return f"({disagree}) AND NOT ({lifted})"


def score_pairs(linker: Linker, *, threshold: float = MATCH_THRESHOLD) -> tuple[pa.Table, int]:
    """Scored pairs above the threshold, less those whose given names disagree: a different
    first name is a different person, which keeps twins and siblings apart. (The veto is a
    rule on top of the model because Fellegi-Sunter adds up household agreement that
    relatives share; no sum of such weights should outvote two different first names.)"""
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    con = linker._db_api.duckdb_con
    veto = given_name_veto_sql(linker._settings_obj.as_dict())  # type: ignore[no-untyped-call]  # splink leaves it unannotated
    table = predictions.physical_name
    kept = con.sql(
        f"SELECT unique_id_l, unique_id_r, match_probability FROM {table} WHERE NOT ({veto})"  # noqa: S608
    ).to_arrow_table()
    candidates = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608
    predictions.drop_table_from_database_and_remove_from_cache()
    return kept, int(candidates)


def cluster_rows(n_rows: int, pairs: pa.Table) -> np.ndarray:
    """Connected components over the kept pairs; singletons get their own label."""
    left = pairs.column("unique_id_l").to_numpy()
    right = pairs.column("unique_id_r").to_numpy()
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n_rows, n_rows))
    labels: np.ndarray
    _, labels = connected_components(graph, directed=False)
    return labels


def resolve(features: pa.Table, *, threshold: float = MATCH_THRESHOLD) -> Resolution:
    """Resolve every row of a feature table to a person cluster."""
    with duckdb.connect(config={"preserve_insertion_order": False}) as con:
        register_features(con, features, "people")
        linker = make_linker(con, "people")
        register_blocked_pairs(linker, "people")
        pairs, candidates = score_pairs(linker, threshold=threshold)
    return Resolution(
        cluster_of_row=cluster_rows(features.num_rows, pairs),
        pairs=pairs,
        candidate_pairs=candidates,
    )
