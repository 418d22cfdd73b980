"""Public pages: every language answers, right-to-left where it should, under a strict CSP."""

from __future__ import annotations

import mailbox
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from lifeline.portal.tests.flows import make_account, signed_in

pytestmark = pytest.mark.django_db

RTL = {"ar", "fa-af", "ps"}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_home_page_answers_in_every_language_with_its_direction(language: str) -> None:
    prefix = "" if language == "en" else f"/{language}"
    response = Client().get(f"{prefix}/")
    assert response.status_code == 200
    page = response.content.decode()
    direction = "rtl" if language in RTL else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    sheet = "uswds.rtl.min.css" if language in RTL else "uswds.min.css"
    assert f"/static/vendor/uswds/css/{sheet}" in page


def test_the_root_answers_without_a_redirect() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert "Ask for humanitarian parole" in response.content.decode()


def test_pages_carry_a_strict_csp_with_a_nonce_on_every_script() -> None:
    response = Client().get("/es/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    page = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all(f'nonce="{nonce.group(1)}"' in tag for tag in scripts)
    assert " style=" not in page


def test_choosing_a_language_keeps_it_for_the_signed_in_persons_notices() -> None:
    user = make_account("beneficiary")
    response = signed_in(user).post("/language/", {"language": "ps", "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/ps/dashboard/"
    user.refresh_from_db()
    assert user.preferred_language == "ps"


def test_an_unknown_language_is_ignored() -> None:
    user = make_account("beneficiary")
    signed_in(user).post("/language/", {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_the_dashboard_needs_a_sign_in() -> None:
    response = Client().get("/uk/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/accounts/login/")


def test_the_demo_mailbox_exists_only_in_the_demo() -> None:
    assert Client().get("/demo/mailbox/").status_code == 404


def test_the_demo_mailbox_shows_the_sinks_letters_decoded(settings: Any, tmp_path: Path) -> None:
    settings.DEBUG = True
    settings.LIFELINE_DEMO_MAILDIR = tmp_path / "mail"
    letter = EmailMessage()
    letter["To"], letter["Subject"] = "olena@example.org", "Lifeline: أكّد عنوان بريدك"
    letter.set_content("Open http://127.0.0.1:8000/accounts/confirm-email/abc/")
    mailbox.Maildir(tmp_path / "mail", create=True).add(letter)
    page = Client().get("/demo/mailbox/").content.decode()
    assert "Lifeline: أكّد عنوان بريدك" in page
    assert '<a href="http://127.0.0.1:8000/accounts/confirm-email/abc/"' in page
