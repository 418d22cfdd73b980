"""A new password ends what the old one opened: API tokens and every other session."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import ApiToken, User
from lifeline.core.tests.api_helpers import API, token_client
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
OLD = "the old long password 2026"
NEW = "a brand new long password 2027"


@pytest.fixture(autouse=True)
def _local_mail(settings: Any) -> None:
    cache.clear()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _account(role: str) -> User:
    user = make_user(role)
    user.set_password(OLD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _change(user: User) -> None:
    response = _signed_in(user).post(
        "/accounts/password/change/", {"oldpassword": OLD, "password1": NEW, "password2": NEW}
    )
    assert response.status_code == 302, response.content


def _reset(user: User) -> None:
    client = Client()
    assert client.post("/accounts/password/reset/", {"email": user.email}).status_code == 302
    link = re.search(r"https?://testserver(\S+)", str(mail.outbox[-1].body))
    assert link
    form_page = client.get(link.group(1), follow=True)
    done = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else
                       link.group(1), {"password1": NEW, "password2": NEW})  # fmt: skip
    assert done.status_code == 302, done.content


@pytest.mark.parametrize("how", [_change, _reset], ids=["change", "reset"])
@pytest.mark.parametrize("role", [UserRole.REPRESENTATIVE, UserRole.OFFICER])
def test_a_new_password_revokes_api_tokens_and_other_sessions(how: Any, role: str) -> None:
    user = _account(role)
    api_client = token_client(user)
    other_session = _signed_in(user)
    assert api_client.get(f"{API}/me").status_code == 200
    assert other_session.get(f"{API}/me").status_code == 200

    how(user)

    assert api_client.get(f"{API}/me").status_code == 401
    assert other_session.get(f"{API}/me").status_code == 401
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_a_token_made_after_the_change_works() -> None:
    user = _account(UserRole.REPRESENTATIVE)
    _change(user)
    assert token_client(user).get(f"{API}/me").status_code == 200
