"""The forecast, consistency and reason-code pages in Chromium: charts drawn under the strict
CSP, what-if errors shown, and axe finds nothing, in English and in Arabic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from lifeline.analytics.consistency.summary import refresh_consistency_summary
from lifeline.analytics.tests.decided_cases import decide_all, requests, staff
from lifeline.core import clock
from lifeline.intake.enums import RequestStatus
from lifeline.portal.tests.flows import PASSWORD, make_account

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


def _office() -> None:
    """Twelve officers in three offices, decisions over two months, and a waiting backlog."""
    today = clock.today()
    requests(40, program="u4u", submitted_on=today - dt.timedelta(days=10))
    for office in ("miami", "newark", "houston"):
        for n in range(4):
            officer = staff(office=office)
            size = 40 + 20 * n
            cases = requests(
                size, status=RequestStatus.APPROVED, submitted_on=today - dt.timedelta(days=50)
            )
            grants = size // 10 if (office, n) == ("miami", 3) else size * 2 // 3
            for half, days_ago in ((cases[: size // 2], 40), (cases[size // 2 :], 10)):
                decide_all(
                    half,
                    officer=officer,
                    grants=grants // 2,
                    decided_on=today - dt.timedelta(days=days_ago),
                )
    refresh_consistency_summary()


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("ar", 1024)])
def test_forecast_consistency_and_reason_pages_draw_their_charts_and_pass_axe(
    open_driver: Callable[..., Driver], language: str, width: int
) -> None:
    _office()
    supervisor = make_account("supervisor")
    tab = open_driver(language=language, width=width)
    _sign_in(tab, supervisor)

    tab.open("/analytics/forecast/")
    assert tab.page.evaluate("Object.keys(window.Chart.instances).length") == 1
    assert tab.page.locator("#forecast-answer").inner_text() != ""
    tab.check_page("analytics-forecast")
    tab.open("/analytics/forecast/?officers=-1&horizon_days=2")
    assert tab.page.locator(".usa-alert--error").count() == 1
    tab.check_page("analytics-forecast-errors")

    tab.open("/analytics/consistency/")
    assert tab.page.evaluate("Object.keys(window.Chart.instances).length") == 1
    assert tab.page.locator("#adjudicator-table tbody tr").count() == 12
    tab.check_page("analytics-consistency")

    tab.open("/analytics/reasons/")
    assert tab.page.evaluate("Object.keys(window.Chart.instances).length") == 1
    tab.check_page("analytics-reasons")
