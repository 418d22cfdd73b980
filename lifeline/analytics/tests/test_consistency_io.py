"""Reading decision tables: formats, outcome spellings, labels, and collapsing into cells."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lifeline.analytics.consistency.cells import aggregate_cells
from lifeline.analytics.consistency.io import (
    DecisionColumns,
    decision_rows_from_table,
    read_decision_rows,
)
from lifeline.analytics.errors import DecisionTableInvalid

CASES = DecisionColumns(group=("office",), adjudicator="officer", outcome="outcome")
COUNTS = DecisionColumns(group=("office",), adjudicator="officer", decisions="n", grants="y")


@pytest.mark.parametrize(
    ("values", "granted"),
    [
        (["granted", "Denied", " APPROVED ", "refused"], [1, 0, 1, 0]),
        (["yes", "no", "Y", "N"], [1, 0, 1, 0]),
        (["true", "false", "T", "F"], [1, 0, 1, 0]),
        (["1", "0", "1.0", "0.0"], [1, 0, 1, 0]),
        ([True, False, True, False], [1, 0, 1, 0]),
        ([1, 0, 1, 1], [1, 0, 1, 1]),
        ([1.0, 0.0, 0.0, 1.0], [1, 0, 0, 1]),
    ],
)
def test_outcome_spellings_are_read_as_grants(values: list[object], granted: list[int]) -> None:
    table = pa.table({"office": ["A"] * 4, "officer": ["x", "y", "x", "y"], "outcome": values})
    rows = decision_rows_from_table(table, CASES)
    assert rows.grants.tolist() == granted
    assert rows.decisions.tolist() == [1, 1, 1, 1]


def test_labels_are_trimmed_so_padded_spellings_are_one_group() -> None:
    table = pa.table({"office": ["Newark", "Newark ", " Newark"], "officer": ["x", "y", "z"],
                      "n": [10, 10, 10], "y": [1, 2, 3]})  # fmt: skip
    rows = decision_rows_from_table(table, COUNTS)
    assert rows.groups.labels == ["Newark"]


def test_numeric_and_dictionary_columns_from_parquet_become_labels(tmp_path: Path) -> None:
    path = tmp_path / "decisions.parquet"
    table = pa.table(
        {
            "office": pa.array(["N", "S", "N"]).dictionary_encode(),
            "officer": pa.array([7, 8, 9], pa.int32()),
            "n": pa.array([10.0, 20.0, 30.0]),
            "y": pa.array([1, 2, 3], pa.int16()),
        }
    )
    pq.write_table(table, path)
    rows = read_decision_rows(path, COUNTS)
    assert rows.adjudicators.labels == ["7", "8", "9"]
    assert rows.groups.labels == ["N", "S"]
    assert rows.decisions.tolist() == [10, 20, 30]


@pytest.mark.parametrize("name", ["decisions.tsv", "decisions.csv.gz"])
def test_tab_separated_and_gzipped_files_are_read(tmp_path: Path, name: str) -> None:
    delimiter = "\t" if ".tsv" in name else ","
    text = delimiter.join(["office", "officer", "n", "y"]) + "\n"
    text += delimiter.join(["A", '"Smith, J."', "10", "4"]) + "\n"
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    rows = read_decision_rows(path, COUNTS)
    assert rows.adjudicators.labels == ["Smith, J."]
    assert rows.grants.tolist() == [4]


def test_a_blank_outcome_is_refused_with_its_row() -> None:
    table = pa.table({"office": ["A", "A"], "officer": ["x", "y"], "outcome": ["granted", None]})
    with pytest.raises(DecisionTableInvalid, match=r"'outcome' has 1 empty value.*data row 2"):
        decision_rows_from_table(table, CASES)


def test_covariates_with_too_many_levels_are_refused() -> None:
    size = 1001
    table = pa.table({"office": ["A"] * size, "officer": ["x", "y"] * 500 + ["x"],
                      "outcome": [1] * size, "age": [str(i) for i in range(size)]})  # fmt: skip
    columns = DecisionColumns(group=("office",), adjudicator="officer", outcome="outcome",
                              covariates=("age",))  # fmt: skip
    with pytest.raises(DecisionTableInvalid, match="'age' has 1001 distinct values"):
        decision_rows_from_table(table, columns)


def test_cells_sum_decisions_per_group_adjudicator_and_covariate_levels() -> None:
    table = pa.table(
        {
            "office": ["A", "A", "A", "B", "B"],
            "officer": ["x", "x", "x", "y", "z"],
            "kind": ["p", "p", "q", "p", "p"],
            "outcome": [1, 0, 1, 1, 1],
        }
    )
    columns = DecisionColumns(
        group=("office",), adjudicator="officer", outcome="outcome", covariates=("kind",)
    )
    cells = aggregate_cells(decision_rows_from_table(table, columns))
    summary = sorted(
        zip(
            (cells.group_labels[i] for i in cells.group_index),
            (cells.adjudicator_labels[i] for i in cells.adjudicator_index),
            (cells.covariate_levels[0][i] for i in cells.covariate_index[:, 0]),
            cells.decisions.tolist(),
            cells.grants.tolist(),
            strict=True,
        )
    )
    assert summary == [
        ("A", "x", "p", 2, 1),
        ("A", "x", "q", 1, 1),
        ("B", "y", "p", 1, 1),
        ("B", "z", "p", 1, 1),
    ]
    assert cells.source_rows == 5


def test_rows_without_decisions_are_dropped_with_their_labels() -> None:
    table = pa.table({"office": ["A", "A", "A"], "officer": ["x", "y", "idle"],
                      "n": [10, 12, 0], "y": [3, 4, 0]})  # fmt: skip
    cells = aggregate_cells(decision_rows_from_table(table, COUNTS))
    assert cells.adjudicator_labels == ["x", "y"]
    assert np.array_equal(cells.decisions, [10, 12])


@pytest.mark.parametrize(
    ("column", "message"),
    [("office", "'office' of type list<item: int64> cannot be read as labels"),
     ("n", "'n' of type list<item: int64> cannot hold counts")],
)  # fmt: skip
def test_nested_parquet_columns_are_refused(column: str, message: str) -> None:
    values = {"office": ["A", "B"], "officer": ["x", "y"], "n": [10, 10], "y": [1, 2]}
    values[column] = [[1], [2]]
    with pytest.raises(DecisionTableInvalid, match=re.escape(message)):
        decision_rows_from_table(pa.table(values), COUNTS)
