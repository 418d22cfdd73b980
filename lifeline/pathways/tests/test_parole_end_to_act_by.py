"""Parole's end is a date to act by on the parolee's page and in the representative's client
list, even once every option awaits legal review (a date after the timeline's last check)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.intake.tests.factories import make_user
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_term
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check

TODAY = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)  # after the timeline's last check
U4U = "u4u-2022-04-25"


def request_ending(ends_on: dt.date) -> PathwayRequest:
    return PathwayRequest.model_validate(
        {
            "person": {"citizenships": ["UA"], "birth_country": "UA"},
            "arrivals": [{"on": "2025-01-10", "document": "parole"}],
            "parole": [
                {"program": "u4u", "from_on": "2025-01-10", "until_on": ends_on.isoformat()}
            ],
        }
    )


@pytest.mark.parametrize(("days_after", "deadline"), [(-1, "parole"), (0, "parole"), (1, None)])
def test_parole_end_is_the_next_date_to_act_by_while_ahead_or_today(
    days_after: int, deadline: str | None
) -> None:
    ends_on = dt.date(2026, 12, 11)
    as_of = ends_on + dt.timedelta(days=days_after)

    answer = check(request_ending(ends_on), as_of=as_of)

    assert answer.parole.in_force is None  # past the last check: not known, date still on file
    found = answer.next_deadline
    assert (found.code if found and found.code == "parole" else None) == deadline
    if deadline:
        assert found is not None and found.on == ends_on


def u4u_term(ends_on: dt.date) -> ParoleTerm:
    return make_term(
        U4U,
        arrived_on=dt.date(2025, 1, 10),
        original_ends_on=ends_on,
        ends_on=ends_on,
        class_of_admission="UHP",
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_client_list_orders_by_parole_end_when_options_await_review() -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    later = u4u_term(dt.date(2027, 1, 16))
    sooner = u4u_term(dt.date(2026, 12, 11))
    for term in (later, sooner):
        term.request.representative = representative
        term.request.save(update_fields=["representative"])
        RepresentationConsent.objects.create(
            representative=representative, client=term.request.filed_by, granted_at=timezone.now()
        )
    assert later.request.reference < sooner.request.reference  # reference order would mislead

    page = signed_in(representative).get("/pathways/clients/").content.decode()

    assert page.index(sooner.request.reference) < page.index(later.request.reference)
    assert "No date to act by yet" not in page
    assert page.count("Your parole ends") == 2


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_parolee_page_names_parole_end_as_the_next_date_to_act_by() -> None:
    term = u4u_term(dt.date(2026, 12, 11))

    page = signed_in(term.request.filed_by).get(f"/pathways/{term.request.reference}/")

    text = page.content.decode()
    assert "Next date to act by" in text
    assert "Your parole ends" in text.split("Next date to act by", 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("code", ["cuban_adjustment", "afghan_special_immigrant"])
def test_past_the_last_check_an_option_no_event_governs_keeps_its_answer(code: str) -> None:
    last_check = dt.date(2026, 8, 19)
    before = check(request_ending(dt.date(2027, 1, 16)), as_of=last_check)
    after = check(request_ending(dt.date(2027, 1, 16)), as_of=last_check + dt.timedelta(days=1))

    old, new = (next(o for o in answer.options if o.code == code) for answer in (before, after))
    assert old.status == new.status == "not_available"
    assert "unknown: check current status" not in new.summary
    reparole = next(o for o in after.options if o.code == "reparole")
    assert reparole.status == "needs_legal_review"  # parole's own events govern re-parole
