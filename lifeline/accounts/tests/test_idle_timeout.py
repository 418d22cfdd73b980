"""Sessions end after a spell without activity: 15 minutes for staff, longer for applicants."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.core.tests.api_helpers import API
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)


def _signed_in(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def _get_at(client: Client, minutes: float, path: str) -> Any:
    with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
        return client.get(path)


@pytest.mark.parametrize(
    ("role", "path", "idle_minutes", "signed_in_after"),
    [
        (UserRole.OFFICER, f"{API}/me", 14, True),
        (UserRole.OFFICER, f"{API}/me", 16, False),
        (UserRole.SUPERVISOR, f"{API}/me", 16, False),
        (UserRole.BENEFICIARY, f"{API}/me", 16, True),
        (UserRole.BENEFICIARY, f"{API}/me", 119, True),
        (UserRole.BENEFICIARY, f"{API}/me", 121, False),
    ],
)
def test_a_session_idle_longer_than_its_role_allows_is_signed_out(
    role: str, path: str, idle_minutes: int, signed_in_after: bool
) -> None:
    client = _signed_in(role)
    assert _get_at(client, 0, path).status_code == 200
    response = _get_at(client, idle_minutes, path)
    assert (response.status_code == 200) is signed_in_after
    assert ("_auth_user_id" in client.session) is signed_in_after


def test_activity_keeps_a_staff_session_alive() -> None:
    client = _signed_in(UserRole.OFFICER)
    for minutes in (0, 10, 20, 30):
        assert _get_at(client, minutes, f"{API}/me").status_code == 200


def test_the_staff_limit_is_a_setting(settings: Any) -> None:
    settings.LIFELINE_STAFF_IDLE_MINUTES = 5
    client = _signed_in(UserRole.OFFICER)
    _get_at(client, 0, f"{API}/me")
    assert _get_at(client, 6, f"{API}/me").status_code == 401


def test_a_page_after_the_timeout_asks_to_sign_in_again() -> None:
    client = _signed_in(UserRole.OFFICER)
    _get_at(client, 0, "/workspace/")
    response = _get_at(client, 16, "/workspace/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
