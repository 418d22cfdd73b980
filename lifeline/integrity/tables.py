"""Reading users' CSV or Parquet files as text columns, mapping fields, writing results."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from lifeline.integrity.errors import IntegrityInputError

PERSON_FIELDS = (
    "given_name", "family_name", "birth_date", "sex", "nationality", "ssn", "phone", "email",
    "address", "city", "postcode", "passport_number",
)  # fmt: skip
FORM_FIELDS = (
    "supporter_given_name", "supporter_family_name", "supporter_birth_date", "supporter_ssn",
    "supporter_phone", "supporter_email", "supporter_address", "supporter_ip",
    "supporter_bank_account", "beneficiary_given_name", "beneficiary_family_name",
    "beneficiary_birth_date", "narrative",
)  # fmt: skip


def read_table(path: Path) -> pa.Table:
    """Every column as text (blank cells null); CSV needs a header row, Parquet its suffix."""
    if not path.is_file():
        raise IntegrityInputError(f"Input file not found: {path}")
    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            table = pq.read_table(path)
            return table.cast(pa.schema([pa.field(f.name, pa.string()) for f in table.schema]))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
        if not header or len(set(header)) != len(header) or not all(header):
            raise IntegrityInputError(f"{path.name} needs a header row of distinct column names.")
        return pa_csv.read_csv(
            path,
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header}, strings_can_be_null=True
            ),
        )
    except (pa.ArrowException, OSError, UnicodeDecodeError, csv.Error) as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise IntegrityInputError(f"Cannot read {path.name}: {first_line}") from error


def resolve_mapping(
    table: pa.Table, *, id_column: str, maps: list[str], allowed: tuple[str, ...]
) -> dict[str, str]:
    """FIELD -> column from repeated FIELD=COLUMN options; columns named like a field map
    themselves. Unknown fields and columns are refused."""
    columns = set(table.column_names)
    if id_column not in columns:
        raise IntegrityInputError(f"The id column {id_column!r} is not in the file.")
    mapping = {name: name for name in allowed if name in columns}
    for item in maps:
        field, sep, column = item.partition("=")
        if not sep or not field or not column:
            raise IntegrityInputError(f"--map needs FIELD=COLUMN, got {item!r}.")
        if field not in allowed:
            raise IntegrityInputError(
                f"Unknown field {field!r}. Fields: {', '.join(allowed)}.",
                details={"field": field},
            )
        if column not in columns:
            raise IntegrityInputError(f"Column {column!r} (for {field}) is not in the file.")
        mapping[field] = column
    if not mapping:
        raise IntegrityInputError("No field is mapped; use --map FIELD=COLUMN.")
    ids = table.column(id_column)
    if ids.null_count or len(set(ids.to_pylist())) != table.num_rows:
        raise IntegrityInputError(f"The id column {id_column!r} must be filled and unique.")
    return mapping


def mapped_columns(table: pa.Table, mapping: dict[str, str]) -> dict[str, list[str | None]]:
    """The mapped columns as Python lists keyed by field name."""
    return {field: table.column(column).to_pylist() for field, column in mapping.items()}


def write_table(table: pa.Table, path: Path) -> None:
    """CSV unless the output name ends in .parquet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in {".parquet", ".pq"}:
        pq.write_table(table, path)
    else:
        pa_csv.write_csv(table, path)
