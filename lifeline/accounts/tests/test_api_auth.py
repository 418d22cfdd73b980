"""API authentication: bearer tokens stored as hashes, sessions that must pass CSRF."""

from __future__ import annotations

import hashlib

import pytest
import time_machine
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import ApiToken
from lifeline.accounts.tokens import issue_api_token, revoke_api_token
from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_issuing_a_token_stores_only_its_sha256() -> None:
    user = make_user(UserRole.SUPPORTER)
    token = issue_api_token(user=user, name="laptop")
    record = ApiToken.objects.get(user=user)
    assert record.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {record.name, record.token_sha256}
    assert issue_api_token(user=user, name="phone") != token


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_name_of_one_to_a_hundred_characters(name: str) -> None:
    user = make_user()
    with pytest.raises(ValidationFailed):
        issue_api_token(user=user, name=name)
    assert not ApiToken.objects.exists()


def test_a_bearer_token_signs_the_client_in() -> None:
    user = make_user(UserRole.REPRESENTATIVE)
    response = token_client(user).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": user.username,
        "role": "representative",
        "preferred_language": "en",
    }


@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_using_a_token_records_when_it_was_last_used() -> None:
    user = make_user()
    token_client(user).get(f"{API}/me")
    assert ApiToken.objects.get(user=user).last_used_at is not None


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer ", "Bearer llt_not-a-real-token", "Token llt_x", "Basic dXNlcjpwYXNz"],
)
def test_a_missing_or_wrong_token_is_a_401_in_the_error_shape(authorization: str) -> None:
    response = Client().get(f"{API}/me", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_or_a_deactivated_account_no_longer_signs_in() -> None:
    user = make_user()
    token = issue_api_token(user=user, name="old")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get(f"{API}/me").status_code == 200
    revoke_api_token(user=user, token_id=ApiToken.objects.get(user=user).pk)
    assert client.get(f"{API}/me").status_code == 401
    other = make_user()
    other_client = token_client(other)
    other.is_active = False
    other.save()
    assert other_client.get(f"{API}/me").status_code == 401


def test_only_the_owner_revokes_a_token() -> None:
    owner = make_user()
    issue_api_token(user=owner, name="mine")
    with pytest.raises(NotFound):
        revoke_api_token(user=make_user(), token_id=ApiToken.objects.get(user=owner).pk)


def test_a_signed_in_session_reads_without_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    assert client.get(f"{API}/me").status_code == 200


def test_a_session_post_without_the_csrf_token_is_refused() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    response = post_json(client, "/eligibility/check", {})
    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf_failed"


def test_a_session_post_with_the_csrf_token_passes_the_check() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    client.get(f"{API}/docs")  # sets the CSRF cookie
    response = post_json(
        client, "/eligibility/check", {}, **{"X-CSRFToken": client.cookies["csrftoken"].value}
    )
    assert response.status_code == 422  # past authentication and CSRF: the empty body is invalid


def test_a_token_client_needs_no_csrf_token() -> None:
    client = token_client(make_user())
    client.handler.enforce_csrf_checks = True
    assert post_json(client, "/eligibility/check", {}).status_code == 422
