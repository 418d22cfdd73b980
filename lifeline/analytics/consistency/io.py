"""Read a table of decisions (CSV or Parquet) into validated, integer-coded columns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from lifeline.analytics.errors import DecisionTableInvalid

MAX_COVARIATE_LEVELS = 1000
_DELIMITERS = {".csv": ",", ".csv.gz": ",", ".tsv": "\t", ".tsv.gz": "\t"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_GRANTED = {"1", "1.0", "true", "t", "yes", "y", "grant", "granted", "approve", "approved"}
_NOT_GRANTED = {"0", "0.0", "false", "f", "no", "n", "deny", "denied", "denial", "refused"}


@dataclass(frozen=True)
class DecisionColumns:
    """Which columns of the table hold what: either counts per row or one outcome per case."""

    group: tuple[str, ...]
    adjudicator: str
    decisions: str | None = None
    grants: str | None = None
    outcome: str | None = None
    covariates: tuple[str, ...] = ()

    @property
    def is_case_level(self) -> bool:
        return self.outcome is not None

    def names(self) -> list[str]:
        named = [*self.group, self.adjudicator, self.decisions, self.grants, self.outcome]
        ordered = [name for name in named if name is not None] + list(self.covariates)
        return list(dict.fromkeys(ordered))


@dataclass(frozen=True)
class CodedColumn:
    """A categorical column as integer codes into its labels."""

    codes: np.ndarray
    labels: list[str]


@dataclass(frozen=True)
class DecisionRows:
    """Validated rows: categorical codes plus decisions and grants per row."""

    groups: CodedColumn
    adjudicators: CodedColumn
    covariates: dict[str, CodedColumn]
    decisions: np.ndarray
    grants: np.ndarray


def _input_format(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(_DELIMITERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    if path.suffix.lower() in _PARQUET_SUFFIXES:
        return ".parquet"
    raise DecisionTableInvalid(
        f"unsupported input format '{path.name}': use .csv, .tsv (optionally .gz) or .parquet"
    )


def read_decision_rows(path: Path, columns: DecisionColumns) -> DecisionRows:
    """Read and validate the columns the consistency analysis needs; raise on any bad value."""
    return decision_rows_from_table(_read_table(path, columns.names()), columns, path.name)


def decision_rows_from_table(
    table: pa.Table, columns: DecisionColumns, source_name: str = "the table"
) -> DecisionRows:
    """Validate an Arrow table already in memory (e.g. a simulation) into coded rows."""
    _check_columns_present(source_name, table.column_names, columns.names())
    if table.num_rows == 0:
        raise DecisionTableInvalid(f"the table in '{source_name}' has no rows")
    group_columns = [_coded_column(table, name) for name in columns.group]
    covariates = {name: _coded_column(table, name) for name in columns.covariates}
    for name, coded in covariates.items():
        if len(coded.labels) > MAX_COVARIATE_LEVELS:
            raise DecisionTableInvalid(
                f"covariate '{name}' has {len(coded.labels)} distinct values; covariates are "
                f"categorical and may have at most {MAX_COVARIATE_LEVELS}"
            )
    if columns.outcome is not None:
        grants = _outcome_values(table, columns.outcome)
        decisions = np.ones_like(grants)
    else:
        assert columns.decisions is not None and columns.grants is not None
        decisions = _count_values(table, columns.decisions)
        grants = _count_values(table, columns.grants)
        _check_grants_within_decisions(grants, decisions, columns)
    return DecisionRows(
        groups=_combine_coded(group_columns),
        adjudicators=_coded_column(table, columns.adjudicator),
        covariates=covariates,
        decisions=decisions,
        grants=grants,
    )


def _read_table(path: Path, names: list[str]) -> pa.Table:
    if not path.is_file():
        raise DecisionTableInvalid(f"input file not found: {path}")
    input_format = _input_format(path)
    try:
        if input_format == ".parquet":
            available = pq.read_schema(path).names
            _check_columns_present(path.name, available, names)
            return pq.read_table(path, columns=names)
        delimiter = _DELIMITERS[input_format]
        parse = pa_csv.ParseOptions(delimiter=delimiter)
        with pa_csv.open_csv(path, parse_options=parse) as reader:
            available = reader.schema.names
        _check_columns_present(path.name, available, names)
        convert = pa_csv.ConvertOptions(
            include_columns=names,
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        )
        return pa_csv.read_csv(path, parse_options=parse, convert_options=convert)
    except (pa.ArrowException, OSError) as error:
        raise DecisionTableInvalid(f"cannot read '{path.name}': {error}") from error


def _check_columns_present(source_name: str, available: list[str], names: list[str]) -> None:
    missing = [name for name in names if name not in available]
    if missing:
        raise DecisionTableInvalid(
            f"column(s) {', '.join(repr(name) for name in missing)} not found in '{source_name}'; "
            f"it has: {', '.join(available)}"
        )


def _as_text(table: pa.Table, name: str) -> pa.Array:
    column = table.column(name).combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        try:
            column = pc.cast(column, pa.string())
        except pa.ArrowException as error:
            raise DecisionTableInvalid(
                f"column '{name}' of type {column.type} cannot be read as labels"
            ) from error
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _check_no_blanks(values: pa.Array, name: str) -> None:
    blanks = values.null_count
    if blanks:
        first = int(np.flatnonzero(values.is_null().to_numpy(zero_copy_only=False))[0]) + 1
        raise DecisionTableInvalid(
            f"column '{name}' has {blanks} empty value(s); the first is in data row {first}"
        )


def _coded_column(table: pa.Table, name: str) -> CodedColumn:
    values = _as_text(table, name)
    _check_no_blanks(values, name)
    encoded = values.dictionary_encode()
    return CodedColumn(
        codes=encoded.indices.to_numpy().astype(np.int64),
        labels=[str(label) for label in encoded.dictionary.to_pylist()],
    )


def _combine_coded(parts: list[CodedColumn]) -> CodedColumn:
    if len(parts) == 1:
        return parts[0]
    stacked = np.column_stack([part.codes for part in parts])
    unique, codes = np.unique(stacked, axis=0, return_inverse=True)
    labels = [
        " | ".join(part.labels[i] for part, i in zip(parts, row, strict=True)) for row in unique
    ]
    return CodedColumn(codes=codes.reshape(-1).astype(np.int64), labels=labels)


def _count_values(table: pa.Table, name: str) -> np.ndarray:
    column = table.column(name).combine_chunks()
    is_text = pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
    if is_text or pa.types.is_dictionary(column.type):
        column = _as_text(table, name)
    _check_no_blanks(column, name)
    try:
        numbers: np.ndarray = pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowNotImplementedError as error:
        raise DecisionTableInvalid(
            f"column '{name}' of type {column.type} cannot hold counts"
        ) from error
    except pa.ArrowInvalid as error:
        bad = _first_non_numeric(column)
        raise DecisionTableInvalid(
            f"column '{name}' must hold counts; data row {bad[0]} has '{bad[1]}'"
        ) from error
    problems = ~np.isfinite(numbers) | (numbers < 0) | (numbers != np.floor(numbers))
    if problems.any():
        row = int(np.flatnonzero(problems)[0])
        raise DecisionTableInvalid(
            f"column '{name}' must hold whole, non-negative counts; "
            f"data row {row + 1} has {numbers[row]:g}"
        )
    return numbers


def _first_non_numeric(column: pa.Array) -> tuple[int, str]:
    for row, value in enumerate(column.to_pylist(), start=1):
        try:
            float(value)
        except (TypeError, ValueError):
            return row, str(value)
    return 0, ""  # pragma: no cover - only reached if Arrow and Python disagree


def _check_grants_within_decisions(
    grants: np.ndarray, decisions: np.ndarray, columns: DecisionColumns
) -> None:
    above = grants > decisions
    if above.any():
        row = int(np.flatnonzero(above)[0])
        raise DecisionTableInvalid(
            f"'{columns.grants}' exceeds '{columns.decisions}' in {int(above.sum())} row(s); "
            f"the first is data row {row + 1} ({grants[row]:g} grants of {decisions[row]:g})"
        )


def _outcome_values(table: pa.Table, name: str) -> np.ndarray:
    column = table.column(name).combine_chunks()
    if (
        pa.types.is_boolean(column.type)
        or pa.types.is_integer(column.type)
        or pa.types.is_floating(column.type)
    ):
        _check_no_blanks(column, name)
        numbers: np.ndarray = pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False)
        bad = ~np.isin(numbers, (0.0, 1.0))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise DecisionTableInvalid(
                f"column '{name}' must be 0 or 1; data row {row + 1} has {numbers[row]:g}"
            )
        return numbers
    text = _as_text(table, name)
    _check_no_blanks(text, name)
    encoded = pc.utf8_lower(text).dictionary_encode()
    labels = [str(label) for label in encoded.dictionary.to_pylist()]
    unknown = [label for label in labels if label not in _GRANTED | _NOT_GRANTED]
    if unknown:
        raise DecisionTableInvalid(
            f"column '{name}' has outcome value(s) {', '.join(repr(v) for v in unknown[:5])}; "
            "use 1/0, true/false, yes/no or granted/denied"
        )
    granted = np.array([label in _GRANTED for label in labels], dtype=np.float64)
    outcomes: np.ndarray = granted[encoded.indices.to_numpy()]
    return outcomes
