"""No SSN, A-number, passport or bank number in clear anywhere a generated data set is stored:
tables, uploaded files, exports, `--output` files, logs, queued task arguments, mail sent and
backups."""

from __future__ import annotations

import csv
import io
import logging
import shutil
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import connection, models
from django.test import Client

from lifeline.analytics.operations.dashboard import TABLES
from lifeline.core import jobs
from lifeline.core.tests.console import console_output
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.operations.backup import create_backup
from lifeline.portal.tests.flows import make_account
from lifeline.programs.documents import PersonDocument, RequestDocument

pytestmark = pytest.mark.django_db(transaction=True)
_STORED_AS_TEXT = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
_PARQUET_MAGIC = b"PAR1"
_PG_DUMP_MAGIC = b"PGDMP"


def _people(document: RequestDocument) -> list[PersonDocument]:
    people = [document.beneficiary, document.principal, document.petitioner]
    people += [supporter.person for supporter in document.supporters]
    people += [member.person for member in document.household]
    return [person for person in people if person is not None]


def _planted(documents: list[RequestDocument]) -> set[str]:
    """Every identifier the generated documents hold, as written and digits-only for SSNs."""
    found: set[str] = set()
    for document in documents:
        for person in _people(document):
            if person.ssn:
                found |= {person.ssn, person.ssn.replace("-", "")}
            if person.a_number:
                found |= {person.a_number, person.a_number.removeprefix("A")}
            if person.passport is not None:
                found.add(person.passport.number)
        found |= {s.bank_account for s in document.supporters if s.bank_account}
    return {value for value in found if len(value) >= 6}


def _stored_text() -> Iterator[tuple[str, str]]:
    """(table.column, raw stored value) for every text, JSON or binary column, read without the
    model's decryption."""
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if not isinstance(field, _STORED_AS_TEXT):
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(f"SELECT {column} FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for (value,) in cursor.fetchall():
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    yield f"{table}.{field.column}", str(value)


def _readable(content: bytes) -> str:
    """A file's text as a reader would see it: a PostgreSQL dump as the SQL it restores, a
    Parquet file's cells (its pages are compressed), a tar archive's members one after another,
    anything else byte for byte."""
    if content[:5] == _PG_DUMP_MAGIC:  # pg_dump's custom format compresses its rows
        restore = shutil.which("pg_restore")
        assert restore, "reading a PostgreSQL backup needs pg_restore"
        restored = subprocess.run(  # noqa: S603 - the PostgreSQL client, on our own dump
            [restore, "--file=-"], input=content, capture_output=True, check=True
        )
        return restored.stdout.decode("utf-8")
    if content[:4] == _PARQUET_MAGIC:
        table = pq.read_table(io.BytesIO(content))
        out = io.BytesIO()
        pa_csv.write_csv(
            table.cast(pa.schema([(name, pa.string()) for name in table.column_names])), out
        )
        return out.getvalue().decode("utf-8")
    try:
        with tarfile.open(fileobj=io.BytesIO(content)) as tar:
            members = [tar.extractfile(member) for member in tar.getmembers() if member.isfile()]
            return "\n".join(_readable(member.read()) for member in members if member is not None)
    except tarfile.TarError:
        return content.decode("latin-1")


def _files(*folders: Path) -> Iterator[tuple[str, str]]:
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                yield str(path), _readable(path.read_bytes())


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """Everything the configured log handler writes (as a log file would hold it), from DEBUG."""
    loggers = [logging.getLogger(), logging.getLogger("django")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    with console_output() as written:
        yield written
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def queued_arguments(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The arguments of every task enqueued, as the queue stores them."""
    queued: list[str] = []

    def recording(enqueue: Callable[..., None]) -> Callable[..., None]:
        def record(job: jobs.Job, args: tuple[Any, ...], *rest: Any) -> None:
            queued.append(f"{job.name}{args!r}")
            enqueue(job, args, *rest)

        return record

    monkeypatch.setattr(jobs, "_enqueue", recording(jobs._enqueue))
    monkeypatch.setattr(jobs, "_enqueue_at", recording(jobs._enqueue_at))
    return queued


def _exports(out: Path) -> Iterator[tuple[str, str]]:
    """Every staff download of the dashboards, as files under `out`."""
    staff = Client()
    staff.force_login(make_account("supervisor"))
    urls = [f"/analytics/export/{table}.{kind}" for table in TABLES for kind in ("csv", "parquet")]
    urls += ["/analytics/reasons.csv", "/pathways/office/parole-ending.csv?as_of=2026-11-01"]
    for url in urls:
        response = staff.get(url)
        assert response.status_code == 200, url
        yield url, _readable(response.content)


def _rings_input(documents: list[RequestDocument], path: Path) -> None:
    """The supporters of the generated requests as a user's own file for `integrity rings`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["form", "supporter_given_name", "supporter_family_name",
                         "supporter_birth_date", "supporter_ssn",
                         "supporter_bank_account"])  # fmt: skip
        for number, document in enumerate(documents):
            for place, supporter in enumerate(document.supporters):
                person = supporter.person
                writer.writerow([f"F{number}-{place}", person.given_name, person.family_name,
                                 person.birth_date.isoformat(), person.ssn or "",
                                 supporter.bank_account or ""])  # fmt: skip


def test_a_generated_data_set_keeps_no_identifier_in_clear_anywhere_it_is_stored(
    tmp_path: Path, settings: Any, captured_logs: io.StringIO, queued_arguments: list[str]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LIFELINE_AUDIT_CHECKPOINT_PATH = str(tmp_path / "var" / "audit-checkpoints.jsonl")
    settings.LIFELINE_IDENTITY_INDEX_PATH = str(tmp_path / "var" / "identity-index.llix")
    out = tmp_path / "out"
    out.mkdir()
    printed = StringIO()
    call_command(
        "generate",
        *("--requests", "60", "--seed", "4", "--until", "2026-11-01", "--fraud-share", "0.2"),
        *("--truth", str(out / "truth.json")),
        stdout=printed,
        stderr=printed,
    )
    call_command("generate", "--requests", "0", "--seed", "4", "--truth", str(out / "truth.csv"),
                 stdout=printed, stderr=printed)  # fmt: skip
    call_command("integrity", "screen", stdout=printed, stderr=printed)
    call_command("analytics", "refresh", stdout=printed, stderr=printed)
    documents = [read_document(request) for request in ParoleRequest.objects.all()]
    planted = _planted(documents)
    assert len(planted) > 50, "the generated data set should plant identifiers to look for"
    users_file = tmp_path / "supporters.csv"
    _rings_input(documents, users_file)
    call_command(
        "integrity", "rings", "--input", str(users_file), "--id-column", "form",
        "--output", str(out / "rings.parquet"), "--evidence", str(out / "rings-evidence.json"),
        "--serial-threshold", "3", stdout=printed, stderr=printed,
    )  # fmt: skip
    assert (out / "rings-evidence.json").exists()
    create_backup(archive=out / "backup.tar.gz")
    reference = ParoleRequest.objects.values_list("reference", flat=True).first()
    assert reference and reference in _readable((out / "backup.tar.gz").read_bytes())

    stored = [
        *_stored_text(),
        *_files(Path(settings.MEDIA_ROOT), tmp_path / "var", out),
        *_exports(out),
        ("log", captured_logs.getvalue()),
        ("command output", printed.getvalue()),
        *(("queued task", arguments) for arguments in queued_arguments),
        *(("mail", f"{sent.subject}\n{sent.body}\n{sent.alternatives}") for sent in mail.outbox),
    ]
    assert "enqueued" in captured_logs.getvalue() and queued_arguments  # both were watched
    leaks = {(where, value) for where, text in stored for value in planted if value in text}
    assert not leaks, f"identifiers stored in clear: {sorted(leaks)[:10]}"


def test_the_scan_reads_parquet_cells_and_archive_members(tmp_path: Path) -> None:
    """The scan sees an identifier in a Parquet cell and inside a compressed archive."""
    buffer = io.BytesIO()
    pq.write_table(pa.table({"ssn": ["123-45-6789"] * 50}), buffer, compression="zstd")
    assert "123-45-6789" in _readable(buffer.getvalue())
    member = tmp_path / "database.sqlite3"
    member.write_bytes(b"row P01234567 row")
    with tarfile.open(tmp_path / "backup.tar.gz", "w:gz") as tar:
        tar.add(member, arcname=member.name)
    archive = (tmp_path / "backup.tar.gz").read_bytes()
    assert b"P01234567" not in archive  # compressed: a byte search alone would miss it
    assert "P01234567" in _readable(archive)
