"""The language written to an applicant is the one their account reads the portal in (ADR 0245),
whatever the request was filed in; a new account reads English."""

from __future__ import annotations

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.intake.selectors import applicant_language
from lifeline.intake.tests.factories import make_request, make_user

pytestmark = pytest.mark.django_db


def test_a_new_account_reads_english_and_a_switch_is_followed_over_the_filing_language() -> None:
    filer = make_user(UserRole.BENEFICIARY)
    request = make_request(filed_by=filer, language="es")
    assert applicant_language(request) == "en"

    filer.preferred_language = "uk"
    filer.save(update_fields=["preferred_language"])
    request.refresh_from_db()

    assert applicant_language(request) == "uk"
