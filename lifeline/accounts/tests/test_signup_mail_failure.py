"""A mail relay that refuses or is down does not break sign-up: the account is kept, the page
says the e-mail did not go and how to get another; no 500."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client

from lifeline.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a long applicant password 2026"


class _RefusingRelay:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "554 5.7.1 Relay refused"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _point_mail_at(settings: Any, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture(params=["refuses the message", "is not listening"])
def broken_relay(request: pytest.FixtureRequest, settings: Any) -> Iterator[None]:
    cache.clear()
    port = _free_port()
    _point_mail_at(settings, port)
    if request.param == "is not listening":
        yield
        return
    controller = Controller(_RefusingRelay(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield
    finally:
        controller.stop()


@pytest.mark.usefixtures("broken_relay")
def test_sign_up_with_a_broken_relay_keeps_the_account_and_says_to_ask_again() -> None:
    client = Client(raise_request_exception=False)
    response = client.post(
        "/accounts/signup/",
        {"role": "supporter", "email": "new@example.org", "password1": PASSWORD,
         "password2": PASSWORD},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not send" in page
    user = User.objects.get(email="new@example.org")
    assert not EmailAddress.objects.get(user=user).verified
