"""Accounts: sign-up with e-mail verification over real SMTP, lockout, password reset."""

from __future__ import annotations

import re
from email.message import Message

import pytest
from django.test import Client

from lifeline.accounts.models import User
from lifeline.portal.tests.flows import PASSWORD, make_account

pytestmark = pytest.mark.django_db


def _link(message: Message) -> str:
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    found = re.search(r"https?://\S+", body)
    assert found, body
    return found.group(0).split("testserver", 1)[1]


def test_sign_up_sends_a_verification_mail_and_sign_in_waits_for_it(
    smtp_inbox: list[Message],
) -> None:
    client = Client()
    response = client.post(
        "/es/accounts/signup/",
        {
            "role": "supporter",
            "email": "nuevo@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nuevo@example.org")
    assert (user.role, user.preferred_language) == ("supporter", "es")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert len(smtp_inbox) == 1 and smtp_inbox[0]["To"] == "nuevo@example.org"
    assert "Confirme" in smtp_inbox[0]["Subject"] or "Confirm" in smtp_inbox[0]["Subject"]

    refused = Client().post(
        "/accounts/login/", {"login": "nuevo@example.org", "password": PASSWORD}
    )
    assert refused["Location"].endswith("/accounts/confirm-email/")

    confirm_page = client.get(_link(smtp_inbox[0]))
    assert confirm_page.status_code == 200
    client.post(_link(smtp_inbox[0]))
    signed = Client().post("/accounts/login/", {"login": "nuevo@example.org", "password": PASSWORD})
    assert signed.status_code == 302 and signed["Location"] == "/dashboard/"


def test_a_sign_up_with_bad_input_is_refused_in_the_readers_language_and_saves_nothing() -> None:
    response = Client().post(
        "/uk/accounts/signup/",
        {"email": "not-an-address", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "usa-error-message" in page and 'lang="uk"' in page
    assert User.objects.count() == 0


def test_an_account_we_issued_signs_in_without_a_sign_up_record() -> None:
    User.objects.create_user(
        username="demo-officer", email="demo-officer@example.org", password=PASSWORD
    )
    response = Client().post("/accounts/login/", {"login": "demo-officer", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


def test_five_failed_sign_ins_lock_the_account_from_that_address() -> None:
    user = make_account("beneficiary")
    client = Client()
    answers = [
        client.post("/accounts/login/", {"login": user.email, "password": "wrong password"})
        for _attempt in range(5)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert "Sign-in paused" in answers[-1].content.decode()
    with_right_password = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert with_right_password.status_code != 302
    assert client.get("/dashboard/").status_code == 302


def test_a_password_reset_mail_goes_out_over_smtp(smtp_inbox: list[Message]) -> None:
    user = make_account("supporter")
    response = Client().post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert [message["To"] for message in smtp_inbox] == [user.email]
    assert "/accounts/password/reset/key/" in _link(smtp_inbox[0])
