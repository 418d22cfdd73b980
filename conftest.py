"""Suite-wide pytest hooks: report the database in use, skip PostgreSQL-only tests elsewhere, and
start every test in the default language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


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


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request through the test client leaves its page's language active in the thread (the
    locale middleware sets it per request); later tests in the same worker must not inherit it."""
    yield
    translation.deactivate()
