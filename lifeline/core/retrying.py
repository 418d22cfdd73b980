"""Retry a database call through transient failures (locked SQLite, dropped connection)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, close_old_connections, connections

from lifeline.core.io_guard import open_transaction_alias

logger = logging.getLogger(__name__)

pause = time.sleep  # tests replace it to run without waiting

TRANSIENT_DATABASE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


def drop_broken_connections() -> None:
    """Close connections that errored and no longer answer, so the next call reconnects; not
    while a transaction (a test's own wrapper) is open, which closing would end."""
    if not any(connections[alias].in_atomic_block for alias in connections):
        close_old_connections()


def backoff_seconds(
    failures: int, *, base_seconds: float = 0.5, cap_seconds: float = 30.0
) -> float:
    """0.5 s, 1 s, 2 s ... doubling after each failure in a row, never above `cap_seconds`."""
    return float(min(cap_seconds, base_seconds * 2 ** max(failures - 1, 0)))


def retry_transient[T](
    call: Callable[[], T],
    *,
    what: str,
    attempts: int = 5,
    base_seconds: float = 0.5,
) -> T:
    """Run `call`; on a transient database error log it, wait longer each time and run it
    again, up to `attempts` times in all; the last error is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except TRANSIENT_DATABASE_ERRORS as error:
            if attempt == attempts or open_transaction_alias() is not None:
                raise
            delay = backoff_seconds(attempt, base_seconds=base_seconds)
            logger.warning(
                "%s failed (%s: %s); attempt %s of %s, trying again in %.1f s",
                what,
                type(error).__name__,
                error,
                attempt,
                attempts,
                delay,
            )
            pause(delay)
            drop_broken_connections()
    raise AssertionError("unreachable")
