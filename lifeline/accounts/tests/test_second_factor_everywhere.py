"""The second factor holds on every staff entry point: pages, the admin site, the API with a
session, the authenticator settings; a password alone reaches none of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client

from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.core.tests.api_helpers import API, token_client
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a long staff password 2026"
STAFF = sorted(STAFF_ROLES)


@pytest.fixture(autouse=True)
def _mfa_on(settings: Any) -> None:
    settings.LIFELINE_STAFF_MFA_REQUIRED = True


def _staff(role: str = UserRole.OFFICER, **fields: Any) -> User:
    user = make_user(role, is_staff=True, **fields)
    user.set_password(PASSWORD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    ensure_totp_secret(user)
    return user


def _password_only(user: User) -> Client:
    """A session that knows the password but never gave the code (the attacker's session)."""
    client = Client()
    client.force_login(user)
    return client


def _with_code(user: User) -> Client:
    client = Client()
    step = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert step.status_code == 302 and "2fa" in step.url
    secret = ensure_totp_secret(user)
    assert client.post(step.url, {"code": current_totp_code(secret)}).status_code == 302
    return client


def test_the_admin_sign_in_page_hands_over_to_the_sign_in_with_a_code() -> None:
    user = _staff(is_superuser=True)
    client = Client()
    page = client.get("/admin/login/?next=/admin/")
    assert page.status_code == 302 and page.url.startswith("/accounts/login/")
    posted = client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD}
    )
    assert posted.status_code == 302 and posted.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_the_admin_site_signs_out_a_session_without_the_code() -> None:
    client = _password_only(_staff(is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_the_admin_site_opens_after_the_code() -> None:
    client = _with_code(_staff(is_superuser=True))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", STAFF)
def test_the_api_refuses_a_staff_session_without_the_code(role: str) -> None:
    response = _password_only(_staff(role)).get(f"{API}/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "second_factor_required"


@pytest.mark.parametrize("role", STAFF)
def test_the_api_answers_a_staff_session_after_the_code(role: str) -> None:
    response = _with_code(_staff(role)).get(f"{API}/me")
    assert response.status_code == 200 and response.json()["role"] == role


@pytest.mark.parametrize("role", STAFF)
def test_a_staff_api_token_works_without_a_session(role: str) -> None:
    assert token_client(_staff(role)).get(f"{API}/me").status_code == 200


@pytest.mark.parametrize("role", sorted({UserRole.BENEFICIARY, UserRole.SUPPORTER}))
def test_the_public_use_the_api_with_a_password_session(role: str) -> None:
    client = Client()
    client.force_login(make_user(role))
    assert client.get(f"{API}/me").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/accounts/2fa/", "/accounts/2fa/totp/deactivate/", "/accounts/2fa/recovery-codes/generate/"],
)
def test_authenticator_settings_sign_out_a_session_without_the_code(path: str) -> None:
    client = _password_only(_staff())
    response = client.get(path)
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_a_password_only_session_cannot_remove_the_authenticator() -> None:
    user = _staff()
    client = _password_only(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_removing_the_authenticator_asks_for_the_code_again_after_a_while() -> None:
    user = _staff()
    client = _with_code(user)
    with time_machine.travel(clock.now() + dt.timedelta(minutes=10), tick=False):
        response = client.get("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302 and "reauthenticate" in response.url
