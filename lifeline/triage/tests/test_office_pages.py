"""Offices on the workspace pages: an officer's queue opens on their office, take next case
keeps to it, and a supervisor routes a case from its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lifeline.triage.models import CaseTriage
from lifeline.triage.tests.scenario import officer, submitted_request, supervisor

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_an_officers_queue_opens_on_their_office_and_any_office_shows_all() -> None:
    general = submitted_request()  # humanitarian-affairs
    web = _client(officer(office="parole-processing"))
    own = web.get(reverse("workspace:queue")).content.decode()
    assert general.reference not in own
    assert '<option value="parole-processing" selected>' in own
    every = web.get(reverse("workspace:queue"), {"office": ""}).content.decode()
    assert general.reference in every


def test_take_next_keeps_to_the_officers_office() -> None:
    general = submitted_request()
    outsider = _client(officer(office="parole-processing"))
    response = outsider.post(reverse("workspace:take_next"), {})
    assert response.url == reverse("workspace:queue")  # nothing waits for their office
    insider = _client(officer(office="humanitarian-affairs"))
    response = insider.post(reverse("workspace:take_next"), {})
    assert response.url == reverse("workspace:case", args=[general.reference])


def test_a_supervisor_routes_a_case_from_its_page_and_a_bad_office_is_a_message() -> None:
    request = submitted_request()
    web = _client(supervisor())
    page = web.get(reverse("workspace:case", args=[request.reference])).content.decode()
    assert "Route to this office" in page
    route = reverse("workspace:route", args=[request.reference])
    web.post(route, {"office": "parole-processing"})
    assert CaseTriage.objects.get(request=request).office == "parole-processing"
    response = web.post(route, {"office": "atlantis"}, follow=True)
    assert response.status_code == 200 and "No office called" in response.content.decode()
    assert CaseTriage.objects.get(request=request).office == "parole-processing"
