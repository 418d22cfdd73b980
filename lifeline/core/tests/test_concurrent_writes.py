"""Concurrent writers queue for the database instead of failing: separate processes with the
project's settings write to an SQLite file (WAL, IMMEDIATE transactions, a 20 s busy timeout)
or to the PostgreSQL test database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
WRITERS = 3
ROWS = 20
READ = {
    "sqlite": "SELECT total FROM contended_counter WHERE id = 1",
    "postgresql": "SELECT total FROM contended_counter WHERE id = 1 FOR UPDATE",
}
WRITER = """
import sys, time, django
django.setup()
from django.db import connection, transaction
read = sys.argv[1]
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
for _ in range(int(sys.argv[2])):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(read)
        total = cursor.fetchone()[0]
        time.sleep(0.01)  # hold the transaction while the other writers arrive
        cursor.execute("UPDATE contended_counter SET total = %s WHERE id = 1", [total + 1])
"""


def test_sqlite_waits_up_to_20_seconds_for_the_write_lock_and_readers_never_wait() -> None:
    options = django_settings.LIFELINE_SQLITE_OPTIONS
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "busy_timeout=20000" in options["init_command"]
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db(transaction=True)
def test_writers_in_separate_processes_that_read_then_write_all_succeed(tmp_path: Path) -> None:
    if connection.vendor == "postgresql":
        database = django_settings.DATABASES["default"]
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
        with connection.cursor() as cursor:
            _create_counter(cursor)
    else:
        url = f"sqlite:///{tmp_path / 'contended.sqlite3'}"

        with sqlite3.connect(tmp_path / "contended.sqlite3") as setup:
            # as `migrate` leaves a real database: already in WAL. Switching a file to WAL takes
            # its exclusive lock without waiting, so writers that all switched it at once could
            # fail on the switch, not on the queue this test is about.
            setup.execute("PRAGMA journal_mode=WAL")
            _create_counter(setup.cursor())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": url}
    writers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", WRITER, READ[connection.vendor], str(ROWS)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    failures = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, failures
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            assert _total(cursor) == WRITERS * ROWS  # no lost update either
            cursor.execute("DROP TABLE contended_counter")
    else:
        with sqlite3.connect(tmp_path / "contended.sqlite3") as check:
            assert _total(check.cursor()) == WRITERS * ROWS


def _create_counter(cursor) -> None:  # type: ignore[no-untyped-def]
    cursor.execute("DROP TABLE IF EXISTS contended_counter")
    cursor.execute("CREATE TABLE contended_counter (id integer PRIMARY KEY, total integer)")
    cursor.execute("INSERT INTO contended_counter (id, total) VALUES (1, 0)")


def _total(cursor) -> int:  # type: ignore[no-untyped-def]
    cursor.execute("SELECT total FROM contended_counter WHERE id = 1")
    return int(cursor.fetchone()[0])
