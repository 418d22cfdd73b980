"""Answers with personal data are not kept by browsers or proxies: Cache-Control: no-store."""

from __future__ import annotations

import pytest
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.core.tests.api_helpers import API, token_client
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (UserRole.BENEFICIARY, "/dashboard/"),
        (UserRole.SUPPORTER, "/es/dashboard/"),
        (UserRole.OFFICER, "/workspace/"),
        (UserRole.BENEFICIARY, f"{API}/me"),
        (UserRole.BENEFICIARY, f"{API}/requests"),
    ],
)
def test_signed_in_pages_and_api_answers_are_not_stored(role: str, path: str) -> None:
    client = Client()
    client.force_login(make_user(role))
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_api_answers_to_a_token_are_not_stored() -> None:
    response = token_client(make_user(UserRole.REPRESENTATIVE)).get(f"{API}/requests")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_api_errors_are_not_stored_either() -> None:
    response = Client().get(f"{API}/me")
    assert response.status_code == 401 and "no-store" in response["Cache-Control"]


def test_the_public_home_page_may_be_cached() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
