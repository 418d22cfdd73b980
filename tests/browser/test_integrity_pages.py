"""Integrity pages in Chromium: an analyst works the flag queue, reads a flag and its ring picture,
confirms it with a reason and opens the supporter's identity; axe finds nothing on any page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lifeline.integrity.models import FlagStatus, IntegrityFlag, Ring
from lifeline.integrity.screening.batch import screen_all_forms
from lifeline.integrity.tests.test_screening import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    declare,
    supporter_document,
)
from lifeline.portal.tests.flows import PASSWORD, make_account

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


def test_an_analyst_confirms_a_shared_phone_flag_from_the_queue_and_sees_the_ring(
    open_driver: Callable[..., Driver], django_capture_on_commit_callbacks: Any
) -> None:
    for n, family in enumerate(FAMILY_NAMES[:5]):
        declare(
            django_capture_on_commit_callbacks,
            supporter_document(
                GIVEN_NAMES[n], family, birth=f"19{60 + n}-0{n + 1}-1{n}", phone="(786) 555-0199"
            ),
        )
    screen_all_forms()
    ring = Ring.objects.get(is_current=True)
    flag = IntegrityFlag.objects.order_by("-score", "pk").first()
    assert flag is not None
    tab = open_driver()
    _sign_in(tab, make_account("integrity_analyst"))
    tab.open("/integrity/")
    assert tab.page.locator("#flag-queue tbody tr").count() == 5
    tab.open(f"/integrity/flags/{flag.pk}/")
    tab.press("#record-flag-decision")  # no decision, no reason: refused with the errors
    assert tab.page.locator(".usa-error-message").count() == 2
    tab.page.click("label[for='id_decision_0']")
    tab.page.fill("#id_reason", "Five unrelated supporters on one phone line.")
    tab.press("#record-flag-decision")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CONFIRMED
    tab.open(f"/integrity/rings/{ring.pk}/")
    assert tab.page.locator("#ring-picture rect").count() == 11
    # Labels are readable (at least 12 px as drawn) and each supporter opens from the picture.
    heights = tab.page.eval_on_selector_all(
        "#ring-picture text", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert min(heights) >= 12, heights
    assert tab.page.locator("#ring-picture a.ring-node[href^='#signal-']").count() == 1
    people = tab.page.locator("#ring-picture a.ring-node:not([href^='#'])")
    assert people.count() >= 5
    opens = people.first.get_attribute("href")
    assert opens and opens.startswith("/integrity/")
    assert tab.page.request.get(tab.page.url.split("/integrity/")[0] + opens).ok
    assert tab.page.locator("#ring-nodes tbody tr").count() == 11
    tab.page.click("text=Flag queue")
    tab.check_page()
    tab.open(f"/integrity/flags/{flag.pk}/")
    tab.page.click("a[href*='/integrity/identities/']")
    tab.check_page()
    assert tab.page.locator("#identity-members tbody tr").count() == 1
