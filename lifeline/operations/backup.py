"""Backups of a Lifeline installation: database, uploaded files, audit checkpoints; no keys."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from lifeline.audit.verification import VerificationReport, verify_audit_trail
from lifeline.people.models import Passport, Person

ARCHIVE_FORMAT = 1
MANIFEST_MEMBER = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_FOLDER = "media"
CHECKPOINTS_MEMBER = "audit-checkpoints"
# Keys never enter a backup: the manifest holds only a keyed hash of this label under each
# field key, enough to tell at restore time whether the configured keys are the right ones.
KEY_CHECK_LABEL = b"lifeline backup: field key check"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    archive: Path
    engine: str
    file_count: int
    has_checkpoints: bool
    size_bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreSummary:
    engine: str
    file_count: int
    checkpoints_restored_to: Path | None
    decrypted_values: int
    people: int
    audit: VerificationReport
    seconds: float
    notes: list[str] = field(default_factory=list)


def engine_name() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def field_key_fingerprints() -> list[str]:
    """One short keyed hash per configured field key, newest first; never the keys."""
    return [
        hmac.new(base64.b64decode(key.strip()), KEY_CHECK_LABEL, hashlib.sha256).hexdigest()[:16]
        for key in settings.FIELD_ENCRYPTION_KEYS
    ]


def checkpoint_path() -> Path | None:
    """The audit checkpoints file, when the installation configures one."""
    value = getattr(settings, "LIFELINE_AUDIT_CHECKPOINT_PATH", None) or os.environ.get(
        "LIFELINE_AUDIT_CHECKPOINT_PATH"
    )
    return Path(value) if value else None


def default_archive_path() -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"lifeline-{stamp}.tar.gz"


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_program(name: str) -> str:
    folder = os.environ.get("LIFELINE_PG_BIN")
    program = str(Path(folder) / name) if folder else shutil.which(name)
    if not program or not Path(program).exists():
        raise BackupError(f"{name} not found; install the PostgreSQL client or set LIFELINE_PG_BIN")
    return program


def _pg_environment() -> dict[str, str]:
    database = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def _run(command: list[str]) -> None:
    finished = subprocess.run(  # noqa: S603 - a fixed PostgreSQL client program, no shell
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {finished.stderr.strip()[-800:]}")


def _dump_database(engine: str, folder: Path) -> Path:
    if engine == "sqlite":
        target = folder / SQLITE_MEMBER
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot while writers carry on.
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        return target
    target = folder / POSTGRES_MEMBER
    # pg_dump reads one snapshot of the whole database while writers carry on.
    _run(
        [_pg_program("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(target)]
    )
    return target


def _media_files() -> Iterator[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path, f"{MEDIA_FOLDER}/{path.relative_to(root).as_posix()}"


def create_backup(*, archive: Path | None = None) -> BackupSummary:
    """Write one archive: the database snapshot first, then the uploaded files (a file is
    stored before the row that names it, so every row of the snapshot finds its file), then
    the audit checkpoints file when configured, and a manifest with every member's SHA-256."""
    started = time.monotonic()
    engine = engine_name()
    archive = archive or default_archive_path()
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    members: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="lifeline-backup-") as folder:
        dump = _dump_database(engine, Path(folder))
        with tarfile.open(partial, "w:gz") as tar:
            members[dump.name] = _sha256_of(dump)
            tar.add(dump, arcname=dump.name)
            for path, name in _media_files():
                members[name] = _sha256_of(path)
                tar.add(path, arcname=name)
            checkpoints = checkpoint_path()
            has_checkpoints = bool(checkpoints and checkpoints.is_file())
            if checkpoints and has_checkpoints:
                members[CHECKPOINTS_MEMBER] = _sha256_of(checkpoints)
                tar.add(checkpoints, arcname=CHECKPOINTS_MEMBER)
            manifest = Path(folder) / MANIFEST_MEMBER
            manifest.write_text(
                json.dumps(
                    {
                        "format": ARCHIVE_FORMAT,
                        "created_at": dt.datetime.now(dt.UTC).isoformat(),
                        "engine": engine,
                        "field_key_fingerprints": field_key_fingerprints(),
                        "members": members,
                    },
                    indent=2,
                )
            )
            tar.add(manifest, arcname=MANIFEST_MEMBER)
    partial.replace(archive)
    return BackupSummary(
        archive=archive,
        engine=engine,
        file_count=sum(1 for name in members if name.startswith(f"{MEDIA_FOLDER}/")),
        has_checkpoints=has_checkpoints,
        size_bytes=archive.stat().st_size,
        seconds=time.monotonic() - started,
    )


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST_MEMBER).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"not a Lifeline backup: no readable {MANIFEST_MEMBER}") from error
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _check_members(folder: Path, manifest: dict[str, Any]) -> None:
    for name, expected in manifest["members"].items():
        path = folder / name
        if not path.is_file() or _sha256_of(path) != expected:
            raise BackupError(f"the backup is damaged: {name} is missing or altered")


def _check_keys(manifest: dict[str, Any]) -> None:
    sealed_with = manifest["field_key_fingerprints"][:1]
    if sealed_with and sealed_with[0] not in field_key_fingerprints():
        raise BackupError(
            "LIFELINE_FIELD_KEYS does not hold the field key this backup was written under "
            f"(fingerprint {sealed_with[0]}); fetch it from the key store and try again"
        )


def _database_is_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def _restore_database(engine: str, folder: Path, *, replace: bool) -> None:
    if not (replace or _database_is_empty()):
        raise BackupError(
            "the configured database already holds Lifeline tables; restore into an empty "
            "database, or pass --replace to overwrite it"
        )
    settings_dict = connection.settings_dict
    connections.close_all()
    if engine == "sqlite":
        target = str(settings_dict["NAME"])
        if target == ":memory:" or "mode=memory" in target:
            raise BackupError("restore needs a database file, not an in-memory database")
        with (
            closing(sqlite3.connect(folder / SQLITE_MEMBER)) as source,
            closing(sqlite3.connect(target)) as destination,
        ):
            source.backup(destination)
        return
    command = [_pg_program("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error"]
    if replace:
        command += ["--clean", "--if-exists"]
    dump = str(folder / POSTGRES_MEMBER)
    _run([*command, "--single-transaction", "--dbname", str(settings_dict["NAME"]), dump])


def _restore_files(folder: Path) -> int:
    source = folder / MEDIA_FOLDER
    if not source.is_dir():
        return 0
    shutil.copytree(source, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return sum(1 for path in source.rglob("*") if path.is_file())


def decrypt_every_value() -> tuple[int, int]:
    """Open every encrypted column of people and passports; (people, values opened)."""
    people = opened = 0
    for person in Person.objects.only("ssn", "a_number", "bank_account").iterator(2000):
        people += 1
        opened += sum(1 for value in (person.ssn, person.a_number, person.bank_account) if value)
    for passport in Passport.objects.only("number").iterator(2000):
        opened += 1 if passport.number else 0
    return people, opened


def restore_backup(*, archive: Path, replace: bool = False) -> RestoreSummary:
    """Restore an archive into the configured database and media folder, then prove it:
    every encrypted value opens with the configured keys and the audit chain verifies."""
    started = time.monotonic()
    engine = engine_name()
    notes: list[str] = []
    if not archive.is_file():
        raise BackupError(f"no backup at {archive}")
    with tempfile.TemporaryDirectory(prefix="lifeline-restore-") as name:
        folder = Path(name)
        try:
            with tarfile.open(archive, "r:*") as tar:
                tar.extractall(folder, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"cannot read the backup: {error}") from error
        manifest = _read_manifest(folder)
        if manifest["engine"] != engine:
            raise BackupError(
                f"this is a {manifest['engine']} backup; the configured database is {engine}"
            )
        _check_members(folder, manifest)
        _check_keys(manifest)
        _restore_database(engine, folder, replace=replace)
        file_count = _restore_files(folder)
        checkpoints_to = checkpoint_path()
        if (folder / CHECKPOINTS_MEMBER).is_file():
            if checkpoints_to:
                checkpoints_to.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(folder / CHECKPOINTS_MEMBER, checkpoints_to)
            else:
                notes.append(
                    "the backup holds an audit checkpoints file but "
                    "LIFELINE_AUDIT_CHECKPOINT_PATH is not set: it was not restored"
                )
        else:
            checkpoints_to = None
    try:
        people, opened = decrypt_every_value()
    except ValueError as error:
        raise BackupError(
            f"restored, but the field keys do not open every record: {error}"
        ) from error
    return RestoreSummary(
        engine=engine,
        file_count=file_count,
        checkpoints_restored_to=checkpoints_to,
        decrypted_values=opened,
        people=people,
        audit=verify_audit_trail(),
        seconds=time.monotonic() - started,
        notes=notes,
    )
