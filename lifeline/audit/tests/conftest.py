"""Fixtures for audit tests: users by role, tampering as a database superuser would."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

_usernames = count(1)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    def make(role: str = "officer", **fields: Any) -> Any:
        username = fields.pop("username", f"user{next(_usernames)}")
        return get_user_model().objects.create_user(username=username, role=role, **fields)

    return make


@pytest.fixture
def tamper(db: None) -> Callable[..., None]:
    """Run raw SQL against the audit tables with their append-only triggers ignored."""

    def run(sql: str, params: tuple[Any, ...] = ()) -> None:
        on_postgres = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            if on_postgres:  # a superuser's way past every trigger, for this transaction only
                cursor.execute("SET LOCAL session_replication_role = replica")
            try:
                cursor.execute(sql, params)
            finally:
                if on_postgres:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")

    return run


@pytest.fixture(autouse=True)
def checkpoint_file(settings: Any, tmp_path: Path) -> Path:
    """Each test's checkpoints go to a file of its own."""
    path = tmp_path / "audit" / "checkpoints.log"
    settings.LIFELINE_AUDIT_CHECKPOINT_PATH = path
    return path
