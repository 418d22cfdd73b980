"""Slow outward work (virus scan, image decoding, PDF rendering, mail, HTTP) refuses to run
inside a database transaction, where it would hold row locks or SQLite's only write lock."""

from __future__ import annotations

from django.db import connections

from lifeline.core.errors import DomainError


class SlowWorkInTransaction(DomainError):
    """A programming error: the caller must do the slow work before or after its transaction."""

    code = "slow_work_in_transaction"
    http_status = 500


def open_transaction_alias() -> str | None:
    """The first configured database with an open transaction of the application's own.

    The atomic blocks a test case opens around each test (marked `_from_testcase` by Django's
    TestCase, which pytest-django uses) do not count: production has no such wrapper.
    """
    for alias in connections:
        connection = connections[alias]
        if not connection.in_atomic_block:
            continue
        blocks = connection.atomic_blocks
        if not blocks or any(not getattr(block, "_from_testcase", False) for block in blocks):
            return alias
    return None


def ensure_no_transaction(*, operation: str) -> None:
    """Raise SlowWorkInTransaction when called inside a transaction on any database."""
    alias = open_transaction_alias()
    if alias is not None:
        raise SlowWorkInTransaction(
            f"The {operation} must not run inside a database transaction (database {alias!r}): "
            "it would hold the transaction's locks for as long as it takes.",
            details={"operation": operation, "database": alias},
        )
