"""Staff start on their own pages after signing in, and the menu links to those pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lifeline.accounts.enums import STAFF_ROLES, UserRole
from lifeline.accounts.landing import HOME_FOR_ROLE
from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.intake.tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a long staff password 2026"


def _signed_in(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def test_an_officer_signing_in_with_totp_lands_on_the_case_queue(settings: Any) -> None:
    settings.LIFELINE_STAFF_MFA_REQUIRED = True
    officer = make_user(UserRole.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    officer.emailaddress_set.create(email=officer.email, verified=True, primary=True)
    secret = ensure_totp_secret(officer)
    client = Client()
    step = client.post("/accounts/login/", {"login": officer.username, "password": PASSWORD})
    done = client.post(step.url, {"code": current_totp_code(secret)})
    assert done.status_code == 302 and done.url == reverse("workspace:queue")


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (UserRole.OFFICER, "workspace:queue"),
        (UserRole.SUPERVISOR, "workspace:queue"),
        (UserRole.INTEGRITY_ANALYST, "integrity:flags"),
        (UserRole.PROGRAM_ADMINISTRATOR, "analytics:operations"),
        (UserRole.AUDITOR, "audit:event_list"),
    ],
)
def test_the_portal_dashboard_sends_staff_to_their_own_home(role: str, home: str) -> None:
    response = _signed_in(role).get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response.url == reverse(home)


def test_the_menu_shows_a_supervisors_pages_and_not_the_portal_dashboard() -> None:
    page = _signed_in(UserRole.SUPERVISOR).get(reverse("workspace:queue")).content.decode()
    assert f'href="{reverse("workspace:signoff")}"><span>Sign-off queue' in page
    assert "My dashboard" not in page


def test_every_staff_role_has_a_home_of_its_own() -> None:
    assert set(HOME_FOR_ROLE) == STAFF_ROLES


def test_the_menu_of_the_public_is_their_dashboard() -> None:
    client = _signed_in(UserRole.BENEFICIARY)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "My dashboard" in page and "Case queue" not in page
