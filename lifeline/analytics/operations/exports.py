"""A dashboard table as a CSV or Parquet file download."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq
from django.http import HttpResponse

from lifeline.analytics.operations.dashboard import Table

EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def table_as_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(("" if value is None else value for value in row) for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def table_as_parquet(table: Table) -> bytes:
    columns = {
        name: pa.array([row[index] for row in table.rows])
        for index, name in enumerate(table.columns)
    }
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


def export_response(table: Table, file_format: str, *, stem: str) -> HttpResponse:
    """The download, named `<stem>.<format>`; `file_format` must be a key of EXPORT_FORMATS."""
    content = table_as_csv(table) if file_format == "csv" else table_as_parquet(table)
    response = HttpResponse(content, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response
