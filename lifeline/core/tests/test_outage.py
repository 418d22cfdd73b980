"""A database that cannot be reached answers 503 with Retry-After (a plain translated page, or
the API's error shape), from a view or a middleware; any other database error stays a 500."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import InterfaceError, OperationalError, connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from ninja import NinjaAPI

from lifeline.core.api_errors import install_error_handlers
from lifeline.core.db_errors import is_database_unavailable

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def use_unreachable_database() -> None:
    """Open a connection to a PostgreSQL server that is down (nothing listens on the port):
    the driver's own "connection refused", wrapped by Django as in any query."""
    settings_dict = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "lifeline",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(_closed_port()),
        "OPTIONS": {"connect_timeout": 2},
    }
    unreachable = DatabaseWrapper(settings_dict, alias="unreachable")
    try:
        unreachable.cursor()
    finally:
        unreachable.close()


def use_missing_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")


def page(http: HttpRequest, what: str) -> HttpResponse:
    {"down": use_unreachable_database, "bug": use_missing_table}[what]()
    return HttpResponse("ok")


api = NinjaAPI(urls_namespace="outage-test")
install_error_handlers(api)


@api.get("/{what}")
def api_call(request: HttpRequest, what: str) -> dict[str, str]:
    {"down": use_unreachable_database, "bug": use_missing_table}[what]()
    return {"status": "ok"}


class UnreachableDatabaseMiddleware:
    """Reads the database before any view runs (as the session and sign-in middleware do)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        use_unreachable_database()
        return self.get_response(http)


handler500 = "lifeline.core.outage.server_error"
urlpatterns = [
    path("api/test/", api.urls),
    *i18n_patterns(path("outage/<str:what>/", page), prefix_default_language=False),
]


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def test_the_project_serves_the_outage_handler() -> None:
    from config import urls

    assert urls.handler500 == handler500


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("/outage/down/", "Please try again in a minute."),
        ("/es/outage/down/", "Vuelva a intentarlo en un minuto."),
        ("/ar/outage/down/", "يُرجى المحاولة مرة أخرى بعد دقيقة"),
    ],
)
def test_a_page_that_cannot_reach_the_database_answers_503_in_the_visitors_language(
    client: Client, address: str, words: str
) -> None:
    response = client.get(address)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert words in response.content.decode()


def test_a_database_outage_seen_by_a_middleware_before_any_view_answers_503(
    client: Client, settings: Any
) -> None:
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.UnreachableDatabaseMiddleware"]
    page_answer = client.get("/outage/bug/")  # the view would fail otherwise: it never runs
    api_answer = client.get("/api/test/bug")
    assert (page_answer.status_code, page_answer["Retry-After"]) == (503, "60")
    assert (api_answer.status_code, api_answer.json()["error"]["code"]) == (
        503,
        "service_unavailable",
    )


def test_an_api_call_that_cannot_reach_the_database_answers_503_in_the_one_error_shape(
    client: Client,
) -> None:
    response = client.get("/api/test/down")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert error["details"] == {"retry_after_seconds": 60}
    assert "Idempotency-Key" in error["message"]


@pytest.mark.parametrize("address", ["/outage/bug/", "/api/test/bug"])
def test_a_programming_error_in_the_database_layer_is_still_a_500(
    client: Client, address: str
) -> None:
    response = client.get(address)
    assert response.status_code == 500
    assert "Retry-After" not in response


def _sqlite_error(tmp_path: Path, sql: str, *, locked: bool) -> sqlite3.Error:
    """The real error of `sql` on a file database, while another connection holds its lock."""
    holder = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    if locked:
        holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0)
    try:
        other.execute(sql)
    except sqlite3.Error as error:
        return error
    finally:
        other.close()
        holder.close()
    raise AssertionError("no error")


def _wrapped(django_class: type[Exception], cause: BaseException | None) -> Exception:
    error = django_class(*(cause.args if cause else ("no cause",)))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("django_class", "cause", "unavailable"),
    [
        (OperationalError, psycopg.OperationalError("connection refused"), True),
        (OperationalError, psycopg.errors.AdminShutdown("terminating connection"), True),
        (OperationalError, psycopg.errors.CrashShutdown("crash"), True),
        (OperationalError, psycopg.errors.CannotConnectNow("the system is starting up"), True),
        (OperationalError, psycopg.errors.TooManyConnections("too many clients"), True),
        (OperationalError, psycopg.errors.ConnectionFailure("lost"), True),
        (InterfaceError, psycopg.InterfaceError("the connection is closed"), True),
        (OperationalError, psycopg.errors.QueryCanceled("statement timeout"), False),
        (OperationalError, psycopg.errors.DeadlockDetected("deadlock detected"), False),
        (OperationalError, psycopg.errors.DiskFull("could not extend file"), False),
        (InterfaceError, sqlite3.InterfaceError("Error binding parameter 1"), False),
        (OperationalError, None, False),
    ],
)
def test_only_connection_level_errors_count_as_an_outage(
    django_class: type[Exception], cause: BaseException | None, unavailable: bool
) -> None:
    assert is_database_unavailable(_wrapped(django_class, cause)) is unavailable


@pytest.mark.parametrize(
    ("sql", "locked", "unavailable"),
    [
        ("INSERT INTO t VALUES (1)", True, True),
        ("SELECT * FROM no_such_table", False, False),
        ("SELEC 1", False, False),
    ],
)
def test_a_locked_sqlite_file_is_an_outage_and_a_missing_table_or_bad_sql_is_not(
    tmp_path: Path, sql: str, locked: bool, unavailable: bool
) -> None:
    error = _sqlite_error(tmp_path, sql, locked=locked)
    assert is_database_unavailable(_wrapped(OperationalError, error)) is unavailable


def test_a_kept_connection_is_checked_before_it_is_used_again() -> None:
    assert connections["default"].settings_dict["CONN_HEALTH_CHECKS"] is True
