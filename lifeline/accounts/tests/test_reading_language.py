"""ADR 0245: the language a signed-in person reads the portal in becomes theirs, so notices
and messages follow it; a page without a prefix, and staff, change nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _reads(user: User, path: str) -> str:
    client = Client()
    client.force_login(user)
    client.get(path)
    user.refresh_from_db()
    return user.preferred_language


@pytest.mark.parametrize("role", [UserRole.BENEFICIARY, UserRole.SUPPORTER])
@pytest.mark.parametrize(("path", "kept"), [("/uk/", "uk"), ("/fa-af/requests/", "fa-af")])
def test_a_page_under_a_language_prefix_makes_it_the_persons_language(
    role: str, path: str, kept: str
) -> None:
    assert _reads(make_user(role), path) == kept


def test_a_page_without_a_prefix_keeps_the_language_chosen_before() -> None:
    person = make_user(UserRole.BENEFICIARY, preferred_language="ps")
    assert _reads(person, "/requests/") == "ps"


def test_an_unknown_prefix_and_a_signed_out_visit_change_nothing() -> None:
    person = make_user(UserRole.BENEFICIARY, preferred_language="es")
    assert _reads(person, "/de/requests/") == "es"
    Client().get("/uk/")  # nobody signed in: nothing to keep
    person.refresh_from_db()
    assert person.preferred_language == "es"


def test_staff_reading_under_a_prefix_keep_their_language() -> None:
    officer = make_user(UserRole.OFFICER)
    assert _reads(officer, "/ar/workspace/") == "en"
