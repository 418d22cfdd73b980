"""Which database errors mean "the database cannot be reached just now"."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError

RETRY_AFTER_SECONDS = 60
# PostgreSQL SQLSTATEs that mean "no server to talk to": class 08 (connection exception), the
# server shutting down or starting up (57P01-57P03) and too many connections (53300).
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53300")
# SQLite: the file is locked past the busy timeout, or cannot be opened or read.
_UNAVAILABLE_SQLITE_ERRORS = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR")


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when `error` says the database cannot be reached or used just now (connection
    refused or dropped, server restarting, file locked); False for every other error, such
    as a missing table or bad SQL, which is a fault to be fixed and stays a 500."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    if type(cause).__module__.startswith("psycopg"):
        if isinstance(error, InterfaceError):  # "the connection is closed"
            return True
        sqlstate = getattr(cause, "sqlstate", None)
        return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES)
    if type(cause).__module__ == "sqlite3" and isinstance(error, OperationalError):
        name = getattr(cause, "sqlite_errorname", "")
        return str(name).startswith(_UNAVAILABLE_SQLITE_ERRORS)
    return False
