"""Failed sign-ins count against the account, whichever of its identifiers was typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.lockout import username_tried
from lifeline.accounts.models import User
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a long applicant password 2026"


@pytest.fixture(autouse=True)
def _no_rate_counts() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def _account() -> User:
    user = make_user(UserRole.BENEFICIARY)
    user.set_password(PASSWORD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def test_five_failures_mixing_user_name_and_e_mail_lock_the_account() -> None:
    user = _account()
    client = Client()
    typed = [user.username, user.email, user.username.upper(), user.email.upper(), user.username]
    answers = [
        client.post("/accounts/login/", {"login": login, "password": "wrong password"})
        for login in typed
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    for login in (user.username, user.email):
        refused = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
        assert refused.status_code == 429


@pytest.mark.parametrize("field", ["username", "email"])
def test_each_identifier_of_an_account_counts_as_the_account(field: str) -> None:
    user = _account()
    typed = f"  {getattr(user, field).upper()} "
    assert username_tried(None, {"username": typed}) == user.username  # type: ignore[arg-type]


def test_a_name_no_account_uses_is_counted_as_typed() -> None:
    assert username_tried(None, {"username": " Nobody@Example.org "}) == "nobody@example.org"  # type: ignore[arg-type]
