"""The monthly cap shared across programs: the 30,000th authorization passes, the 30,001st waits
for the next month, visibly, and goes through when that month starts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from lifeline.parole import lifecycle
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import CapCounter
from lifeline.parole.services import authorize_or_wait
from lifeline.parole.tests.builders import make_term

pytestmark = pytest.mark.django_db
MAY = dt.date(2024, 5, 1)


@time_machine.travel("2024-05-20 12:00:00Z", tick=False)
def test_the_30000th_authorization_passes_and_the_30001st_waits_for_next_month() -> None:
    CapCounter.objects.create(cap_id="chnv_monthly", period_start=MAY, limit=30_000, used=29_999)
    cuban = make_term("chnv_cuba-2023-01-06", status=TermStatus.WAITING_FOR_CAP)
    haitian = make_term("chnv_haiti-2023-01-06", status=TermStatus.WAITING_FOR_CAP)
    authorize_or_wait(cuban)
    assert cuban.status == TermStatus.TRAVEL_AUTHORIZED
    assert cuban.travel_authorization_expires_on == dt.date(2024, 5, 20) + dt.timedelta(days=90)
    assert CapCounter.objects.get(period_start=MAY).used == 30_000
    authorize_or_wait(haitian)  # another program, the same shared cap
    assert haitian.status == TermStatus.WAITING_FOR_CAP
    assert haitian.cap_period_start == dt.date(2024, 6, 1)  # shown as waiting for June
    assert CapCounter.objects.get(period_start=MAY).used == 30_000
    assert lifecycle.release_waiting_travel_authorizations() == 0  # still May
    with time_machine.travel("2024-06-01 08:00:00Z", tick=False):
        assert lifecycle.release_waiting_travel_authorizations() == 1
    haitian.refresh_from_db()
    assert haitian.status == TermStatus.TRAVEL_AUTHORIZED
    assert CapCounter.objects.get(cap_id="chnv_monthly", period_start=dt.date(2024, 6, 1)).used == 1


@time_machine.travel("2024-05-20 12:00:00Z", tick=False)
def test_a_program_without_caps_authorizes_at_once() -> None:
    term = make_term("u4u-2024-02-27", status=TermStatus.WAITING_FOR_CAP)
    authorize_or_wait(term)
    assert term.status == TermStatus.TRAVEL_AUTHORIZED and term.cap_id == ""
    assert not CapCounter.objects.exists()


@time_machine.travel("2024-05-20 12:00:00Z", tick=False)
def test_expired_travel_authorizations_lapse() -> None:
    term = make_term("u4u-2024-02-27", status=TermStatus.WAITING_FOR_CAP)
    authorize_or_wait(term)
    with time_machine.travel("2024-08-18 12:00:00Z", tick=False):
        assert lifecycle.expire_travel_authorizations() == 0  # the last valid day
    with time_machine.travel("2024-08-19 12:00:00Z", tick=False):
        assert lifecycle.expire_travel_authorizations() == 1
    term.refresh_from_db()
    assert term.status == TermStatus.TRAVEL_AUTHORIZATION_EXPIRED
