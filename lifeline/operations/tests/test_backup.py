"""`lifeline backup create` and `restore`: a fresh database gets back records that decrypt."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import closing
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from lifeline.audit.checkpoints import take_audit_checkpoint
from lifeline.audit.models import AuditEvent
from lifeline.core.crypto import decrypt
from lifeline.operations.backup import BackupError, restore_backup
from lifeline.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
OTHER_KEY = "b3RoZXIta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXMtISE="


@pytest.fixture
def installation(tmp_path: Path, settings) -> Path:
    """Generated requests (people with encrypted numbers, audit events), an uploaded file and
    an audit checkpoints file, all under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LIFELINE_AUDIT_CHECKPOINT_PATH = str(tmp_path / "audit-checkpoints.jsonl")
    call_command(
        "generate", "--requests", "12", "--seed", "7", stdout=StringIO(), stderr=StringIO()
    )
    take_audit_checkpoint()  # the signed heads the restored trail must still reach
    default_storage.save("evidence/passport-scan.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return tmp_path


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of the engine under test."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    database = connection.settings_dict
    name = f"{database['NAME']}_restored"
    admin = {
        "host": database["HOST"],
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    yield (
        f"postgres://{database['USER']}{password}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{name}"
    )
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restore_elsewhere(archive: Path, database_url: str, var_dir: Path, *args: str):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "LIFELINE_TESTING": "1",
        "DATABASE_URL": database_url,
        "LIFELINE_VAR_DIR": str(var_dir),
        "LIFELINE_FIELD_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        # The keys stay outside the backup: the restoring process is given them, as in production.
        "LIFELINE_AUDIT_KEYS": ",".join(settings.LIFELINE_AUDIT_KEYS),
        "LIFELINE_AUDIT_CHECKPOINT_KEYS": ",".join(settings.LIFELINE_AUDIT_CHECKPOINT_KEYS),
        "LIFELINE_AUDIT_CHECKPOINT_PATH": str(var_dir / "audit-checkpoints.jsonl"),
    }
    return subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", "backup", "restore", str(archive), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _encrypted_rows(database_url: str) -> dict[int, tuple[str, str, str]]:
    query = "SELECT id, ssn, a_number, bank_account FROM people_person"
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as restored:
            rows = restored.execute(query).fetchall()
    else:
        with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as restored:
            rows = restored.execute(query).fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_a_restored_backup_opens_every_encrypted_record_and_its_audit_chain_verifies(
    installation: Path, fresh_database: str
) -> None:
    archive = installation / "lifeline.tar.gz"
    call_command("backup", "create", "--output", str(archive), stdout=StringIO())
    originals = {
        person.pk: (person.ssn, person.a_number, person.bank_account)
        for person in Person.objects.all()
    }
    assert any(any(values) for values in originals.values())
    restored_var = installation / "restored"

    finished = _restore_elsewhere(archive, fresh_database, restored_var)

    assert finished.returncode == 0, finished.stderr
    assert f"Audit trail intact: {AuditEvent.objects.count()} events" in finished.stdout
    sealed = _encrypted_rows(fresh_database)
    assert sealed.keys() == originals.keys()
    for person_id, values in sealed.items():
        opened = tuple(decrypt(value) if value else value for value in values)
        assert opened == originals[person_id]
    assert all(value.startswith("v1:") for values in sealed.values() for value in values if value)
    assert (restored_var / "media/evidence/passport-scan.pdf").read_bytes() == (
        b"%PDF-1.4 evidence"
    )
    assert (restored_var / "audit-checkpoints.jsonl").read_bytes() == (
        installation / "audit-checkpoints.jsonl"
    ).read_bytes()


def test_a_backup_holds_no_key(installation: Path) -> None:
    archive = installation / "lifeline.tar.gz"
    call_command("backup", "create", "--output", str(archive), stdout=StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = tar.extractfile("manifest.json").read().decode()  # type: ignore[union-attr]
    assert "media/evidence/passport-scan.pdf" in names
    assert "audit-checkpoints" in names
    for key in settings.FIELD_ENCRYPTION_KEYS:
        assert key not in manifest


@pytest.mark.parametrize(
    ("field_keys", "replace", "refusal"),
    [
        ([OTHER_KEY], True, "does not hold the field key this backup was written under"),
        (None, False, "already holds Lifeline tables"),
    ],
)
def test_restore_refuses_without_the_right_keys_or_onto_a_database_in_use(
    installation: Path, settings, field_keys: list[str] | None, replace: bool, refusal: str
) -> None:
    archive = installation / "lifeline.tar.gz"
    call_command("backup", "create", "--output", str(archive), stdout=StringIO())
    people_before = Person.objects.count()
    if field_keys:
        settings.FIELD_ENCRYPTION_KEYS = field_keys

    with pytest.raises(BackupError, match=refusal):
        restore_backup(archive=archive, replace=replace)

    assert Person.objects.count() == people_before


def test_restore_refuses_a_damaged_archive(installation: Path) -> None:
    archive = installation / "lifeline.tar.gz"
    call_command("backup", "create", "--output", str(archive), stdout=StringIO())
    damaged = installation / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("media/"):
                data = data.replace(b"evidence", b"EVIDENCE")
            member.size = len(data)
            target.addfile(member, ContentFile(data))

    with pytest.raises(BackupError, match="is missing or altered"):
        restore_backup(archive=damaged)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="pages left by SQLite")
def test_a_backup_holds_no_value_the_database_has_overwritten(installation: Path) -> None:
    """A number once kept in clear (a request document before its identifiers were sealed)
    and then overwritten lingers in SQLite's free pages; the archive must not carry it."""
    planted = "LEFTOVER-P7654321"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone() == (1,)  # set by the project, whatever SQLite's build default
        cursor.execute("CREATE TABLE scratch (value TEXT)")
        cursor.executemany("INSERT INTO scratch VALUES (%s)", [(planted * 40,)] * 200)
        cursor.execute("DELETE FROM scratch")
        cursor.execute("DROP TABLE scratch")
    archive = installation / "lifeline.tar.gz"
    call_command("backup", "create", "--output", str(archive), stdout=StringIO())
    with tarfile.open(archive) as tar:
        database = tar.extractfile("database.sqlite3").read()  # type: ignore[union-attr]
    assert planted.encode() not in database
