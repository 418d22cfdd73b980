"""Sign-in pages and allauth's own messages in formal Dari and in Pashto, never Iranian Persian."""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.utils import translation

from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.portal.tests.flows import PASSWORD, make_account
from lifeline.portal.tests.test_translations import _catalog, allauth_messages

ALLAUTH_FA = Path(allauth.__file__).parent / "locale/fa/LC_MESSAGES/django.po"
# Words of allauth's Iranian Persian catalog an Afghan reader would not use on these pages:
# "گذرواژه" (password; Dari says "رمز"), "نشانی" (address; "آدرس"), "احراز هویت"
# (authentication), "کد" (code; Dari writes "کود"), and its informal endings.
IRANIAN = re.compile(r"گذرواژه|نشانی|احراز هویت|\bکد\b|باموفقیت|شدی\.")


def _page(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def _text(page: str) -> str:
    """What the reader sees in the page's main part (and its messages), without markup."""
    return re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1].split("</main>", 1)[0])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading", "error", "foreign"),
    [
        ("/fa-af", "ورود", "آدرس ایمیل یا رمز درست نیست.", IRANIAN),
        ("/ps", "ننوتل", "برېښنالیک پته یا پټنوم سم نه دی.", re.compile(r"(?i)sign in|password")),
    ],
    ids=["fa-af", "ps"],
)
def test_the_sign_in_page_and_its_error_are_in_dari_and_pashto(
    prefix: str, heading: str, error: str, foreign: re.Pattern[str]
) -> None:
    user = make_account("beneficiary")
    page = _page(Client().get(f"{prefix}/accounts/login/"))
    assert f"<h1>{heading}</h1>" in page
    refused = _page(
        Client().post(f"{prefix}/accounts/login/", {"login": user.email, "password": "wrong"})
    )
    assert error in refused
    assert not foreign.search(_text(refused)), foreign.search(_text(refused))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "greeting", "foreign"),
    [
        ("/fa-af", "شما به حیث {name} وارد شدید.", IRANIAN),
        ("/ps", "تاسو د {name} په توګه ننوتلئ.", re.compile("Successfully signed in")),
    ],
    ids=["fa-af", "ps"],
)
def test_allauths_signed_in_message_is_in_dari_and_pashto(
    prefix: str, greeting: str, foreign: re.Pattern[str]
) -> None:
    user = make_account("beneficiary")
    client = Client()
    client.post(f"{prefix}/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = _page(client.get(f"{prefix}/dashboard/"))
    assert greeting.format(name=user.username) in page
    assert not foreign.search(_text(page))


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/fa-af", "/ps"], ids=["fa-af", "ps"])
def test_the_staff_authenticator_step_is_english_under_dari_and_pashto_prefixes(
    prefix: str,
) -> None:
    """Staff pages are English, left to right, under any prefix (ADR 0090): never Iranian
    Persian, and the wrong code is said in the same English as the rest of the page."""
    officer = make_account("officer")
    secret = ensure_totp_secret(officer)
    client = Client()
    sent = client.post(f"{prefix}/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert sent.status_code == 302 and "/2fa/authenticate/" in sent["Location"]
    page = _page(client.get(sent["Location"]))
    assert 'lang="en"' in page and not IRANIAN.search(_text(page))
    wrong = str((int(current_totp_code(secret)) + 1) % 1_000_000).zfill(6)
    refused = _page(client.post(sent["Location"], {"code": wrong}))
    assert "Incorrect code" in refused and not IRANIAN.search(_text(refused))


def test_every_listed_allauth_message_is_allauths_wording_word_for_word() -> None:
    with ALLAUTH_FA.open("rb") as po:
        theirs = {str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(po)}
    assert len(allauth_messages()) >= 45
    assert not allauth_messages() - theirs


@pytest.mark.parametrize("language", ["fa-af", "ps"])
def test_the_portal_catalog_wins_over_allauths_for_every_listed_message(language: str) -> None:
    ours = _catalog(language)
    with translation.override(language):
        for msgid in sorted(allauth_messages()):
            entry = ours.get(msgid)
            expected = entry.string[0] if isinstance(entry.string, tuple) else entry.string
            shown = (
                translation.ngettext(msgid, msgid, 1)
                if isinstance(entry.string, tuple)
                else (translation.gettext(msgid))
            )
            assert shown == expected, msgid
