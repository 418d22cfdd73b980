"""The queue page leads somewhere: every reference opens its case, pages go past the first 50,
a case opens by its reference, and programs, offices and states show their names."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lifeline.triage import selectors
from lifeline.triage.tests.scenario import officer, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_an_officer_sees_every_queued_reference_as_a_link_to_its_case() -> None:
    request = submitted_request()
    page = _client(officer()).get(reverse("workspace:queue"), {"office": ""}).content.decode()
    assert f'href="{reverse("workspace:case", args=[request.reference])}"' in page


def test_the_queue_shows_program_office_and_state_names_not_codes() -> None:
    submitted_request()  # general program, Humanitarian Affairs Branch
    page = _client(officer()).get(reverse("workspace:queue"), {"office": ""}).content.decode()
    waiting = page.split('id="h-waiting"')[1]
    assert "<td>general</td>" not in waiting and "<td>humanitarian-affairs</td>" not in waiting
    assert selectors.get_program_title("general") in waiting
    assert "Humanitarian Affairs" in waiting
    assert ">general<" not in page.split('id="f-program"')[1].split("</select>")[0]


def test_the_queue_pages_past_the_first_fifty_and_says_how_many_wait() -> None:
    requests = [submitted_request() for _ in range(3)]
    first = selectors.list_queue(per_page=2)
    second = selectors.list_queue(per_page=2, page=2)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (3, 2, 2, 1)
    assert {c.request_id for c, _ in first.rows + second.rows} == {r.pk for r in requests}
    assert selectors.list_queue(per_page=2, page=99).number == 2  # past the end: the last page


def test_the_queue_page_links_to_the_next_page_and_keeps_the_filters(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 1)
    submitted_request(), submitted_request()
    web = _client(officer())
    first = web.get(reverse("workspace:queue"), {"office": ""}).content.decode()
    assert "1\u20131 of 2" in first and "Page 1 of 2" in first
    assert 'href="?office=&amp;page=2"' in first
    second = web.get(reverse("workspace:queue"), {"office": "", "page": "2"}).content.decode()
    assert "2\u20132 of 2" in second and "Previous page" in second and "Next page" not in second


@pytest.mark.parametrize("typed", ["{ref}", " {lower} ", "{lower}"])
def test_a_case_opens_by_its_reference_however_it_is_typed(typed: str) -> None:
    request = submitted_request()
    typed = typed.format(ref=request.reference, lower=request.reference.lower())
    response = _client(officer()).get(reverse("workspace:queue"), {"reference": typed})
    assert response.status_code == 302
    assert response.url == reverse("workspace:case", args=[request.reference])


def test_an_unknown_reference_says_so_on_the_queue() -> None:
    response = _client(officer()).get(reverse("workspace:queue"), {"reference": "LL-NOPE"})
    assert response.status_code == 200
    assert "No case has the reference “LL-NOPE”" in response.content.decode()
