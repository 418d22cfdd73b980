"""Every staff role needs TOTP: no authenticator sends them to set one up; a session without the
second factor is signed out; a TOTP sign-in reaches the workspace. The demo prints the code."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a long staff password 2026"


@pytest.fixture(autouse=True)
def _mfa_on(settings: Any) -> None:
    settings.LIFELINE_STAFF_MFA_REQUIRED = True


def _staff(role: str = UserRole.OFFICER):  # type: ignore[no-untyped-def]
    user = make_user(role)
    user.set_password(PASSWORD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_a_staff_member_without_an_authenticator_is_sent_to_set_one_up(role: str) -> None:
    client = Client()
    client.force_login(_staff(role))
    response = client.get("/workspace/")
    assert response.status_code == 302 and "/2fa/totp/activate" in response.url


def test_a_session_without_the_second_factor_is_signed_out() -> None:
    user = _staff()
    ensure_totp_secret(user)
    client = Client()
    client.force_login(user)
    response = client.get("/workspace/")
    assert response.status_code == 302 and "login" in response.url
    assert "_auth_user_id" not in client.session


def test_signing_in_with_password_and_totp_reaches_the_workspace() -> None:
    user = _staff()
    secret = ensure_totp_secret(user)
    assert ensure_totp_secret(user) == secret  # enrolled once
    client = Client()
    step = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert step.status_code == 302 and "2fa" in step.url
    done = client.post(step.url, {"code": current_totp_code(secret)})
    assert done.status_code == 302
    assert client.get("/workspace/").status_code == 200


def test_public_roles_need_no_second_factor() -> None:
    client = Client()
    client.force_login(make_user(UserRole.BENEFICIARY))
    assert client.get("/workspace/").status_code == 404  # not theirs, but not an MFA redirect
    assert not Authenticator.objects.exists()
