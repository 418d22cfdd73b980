"""A PostgreSQL database of a benchmark's own: created or rebuilt, Django set up on it, migrated."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Keys for synthetic bench data only, used when the environment gives none.
BENCH_KEYS = {
    "LIFELINE_SECRET_KEY": "bench-only-secret-key-" + "x" * 32,
    "LIFELINE_FIELD_KEYS": "YmVuY2gtb25seS1maWVsZC1rZXktMzItYnl0ZXMhISE=",
    "LIFELINE_AUDIT_KEYS": "bench:YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMhISE=",
    "LIFELINE_AUDIT_CHECKPOINT_KEYS": "bench-cp:YmVuY2gtb25seS1jaGVja3BvaW50LWtleS0zMi1ieXRlcyE=",
}


def open_bench_database(database_url: str, *, reload: bool, debug: bool = False) -> bool:
    """Create the database when missing (drop it first with `reload`), set Django up on it and
    apply the migrations; True when the database is new, so the caller loads its data.

    `debug` False is production's setting (with DEBUG on Django keeps every query in memory).
    """
    import psycopg

    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if reload and exists:
            admin.execute(f'DROP DATABASE "{name}"')
        if reload or not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["LIFELINE_DEBUG"] = "1" if debug else "0"
    # The benches time the work itself; the staff sign-in's second factor is not part of it.
    os.environ["LIFELINE_STAFF_MFA_REQUIRED"] = "0"
    for key, value in BENCH_KEYS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    return reload or not exists
