"""Suite-wide pytest hooks: report the database in use and skip PostgreSQL-only tests elsewhere."""

from __future__ import annotations

import pytest
from django.conf import settings


def _database_vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else engine.rsplit(".", 1)[-1]


def pytest_report_header(config: pytest.Config) -> str:
    host = settings.DATABASES["default"].get("HOST")
    return f"database: {_database_vendor()}" + (f" at {host}" if host else "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendor = _database_vendor()
    if vendor == "postgresql":
        return
    skip_postgres = pytest.mark.skip(reason=f"needs PostgreSQL; this run uses {vendor}")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip_postgres)
