"""Auditor pages: who may see them, searching by case, person and actor, and self-auditing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse

from lifeline.audit.actions import AuditAction
from lifeline.audit.models import AuditEvent
from lifeline.audit.services import record_audit_event
from lifeline.audit.views import EVENTS_PER_PAGE

pytestmark = pytest.mark.django_db
LIST_URL = reverse("audit:event_list")


def _record(**fields: Any) -> AuditEvent:
    arguments: dict[str, Any] = {
        "actor": None,
        "action": AuditAction.REQUEST_VIEWED,
        "stream": "request:1",
        "subject_type": "request",
        "subject_id": 1,
    } | fields
    with transaction.atomic():
        return record_audit_event(**arguments)


@pytest.fixture
def auditor_client(client: Client, make_user: Callable[..., Any]) -> Client:
    client.force_login(make_user("auditor", username="avery"))
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("auditor", 200),
        ("officer", 403),
        ("supervisor", 403),
        ("integrity_analyst", 403),
        ("program_administrator", 403),
        ("beneficiary", 403),
        ("supporter", 403),
        ("representative", 403),
    ],
)
@pytest.mark.parametrize("page", ["list", "detail"])
def test_only_auditors_may_browse_the_trail(
    client: Client, make_user: Callable[..., Any], role: str, status: int, page: str
) -> None:
    event = _record()
    client.force_login(make_user(role))
    url = LIST_URL if page == "list" else reverse("audit:event_detail", args=[event.pk])
    assert client.get(url).status_code == status


def test_an_inactive_auditor_is_refused(client: Client, make_user: Callable[..., Any]) -> None:
    client.force_login(make_user("auditor", is_active=False))
    response = client.get(LIST_URL)
    assert response.status_code in {302, 403}
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_VIEWED).exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(LIST_URL + "?case_reference=IOE1")
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/audit/%3Fcase_reference%3DIOE1")


def test_the_trail_cannot_be_posted_to(auditor_client: Client) -> None:
    assert auditor_client.post(LIST_URL).status_code == 405


def test_searching_is_itself_audited_on_the_auditors_stream(auditor_client: Client) -> None:
    auditor_client.get(LIST_URL, {"case_reference": "IOE0912345678"})
    viewed = AuditEvent.objects.get(action=AuditAction.AUDIT_VIEWED)
    assert viewed.actor.username == "avery"
    assert viewed.stream == f"user:{viewed.actor_id}"
    assert viewed.details == {
        "filters": {
            "actor_username": "",
            "case_reference": "IOE0912345678",
            "person_id": None,
            "action": "",
            "occurred_from": None,
            "occurred_until": None,
        },
        "page": 1,
    }


def test_reading_an_event_is_itself_audited(auditor_client: Client) -> None:
    event = _record(case_reference="IOE0912345678", person_ids=[7], details={"note": "<b>x</b>"})
    response = auditor_client.get(reverse("audit:event_detail", args=[event.pk]))
    assert response.status_code == 200
    assert event.hash in response.text
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    viewed = AuditEvent.objects.get(action=AuditAction.AUDIT_VIEWED)
    assert (viewed.subject_type, viewed.subject_id) == ("audit_event", str(event.pk))


def test_a_missing_event_is_not_found(auditor_client: Client) -> None:
    assert auditor_client.get(reverse("audit:event_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected_subjects"),
    [
        ({"case_reference": "IOE0000000001"}, ["1", "2"]),
        ({"person_id": "7"}, ["2", "3"]),
        ({"actor": "olga"}, ["3"]),
        ({"case_reference": "IOE0000000001", "person_id": "7"}, ["2"]),
        ({}, ["1", "2", "3"]),
    ],
)
def test_the_trail_is_searched_by_case_person_and_actor(
    auditor_client: Client,
    make_user: Callable[..., Any],
    query: dict[str, str],
    expected_subjects: list[str],
) -> None:
    officer = make_user("officer", username="olga")
    _record(subject_id=1, case_reference="IOE0000000001", person_ids=[5])
    _record(subject_id=2, case_reference="IOE0000000001", person_ids=[5, 7])
    _record(subject_id=3, actor=officer, person_ids=[7])
    response = auditor_client.get(LIST_URL, query)
    assert response.status_code == 200
    subjects = [event.subject_id for event in response.context["page"].object_list]
    assert sorted(subjects) == expected_subjects


@pytest.mark.parametrize(
    "query",
    [{"person_id": "seven"}, {"person_id": "0"}, {"case_reference": "IOE 1'; --"}],
)
def test_bad_search_input_gets_a_clear_error_not_a_crash(
    auditor_client: Client, query: dict[str, str]
) -> None:
    response = auditor_client.get(LIST_URL, query)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert 'role="alert"' in response.text
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_VIEWED).exists()


def test_the_list_pages_newest_first_and_keeps_the_search(auditor_client: Client) -> None:
    for number in range(EVENTS_PER_PAGE + 5):
        _record(subject_id=number, case_reference="IOE0000000001")
    first = auditor_client.get(LIST_URL, {"case_reference": "IOE0000000001"})
    assert first.context["page"].object_list[0].subject_id == str(EVENTS_PER_PAGE + 4)
    assert "case_reference=IOE0000000001&amp;page=2" in first.text
    second = auditor_client.get(LIST_URL, {"case_reference": "IOE0000000001", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    assert auditor_client.get(LIST_URL, {"page": "not-a-number"}).status_code == 200


def test_the_list_query_count_does_not_grow_with_events(
    auditor_client: Client, make_user: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    officer = make_user("officer")
    for number in range(30):
        _record(subject_id=number, actor=officer, on_behalf_of=officer)
    auditor_client.get(LIST_URL)  # warm the session and user lookups
    with django_assert_max_num_queries(11):  # 2 of them recheck the chain of the streams shown
        auditor_client.get(LIST_URL)


def test_an_event_id_beyond_any_database_integer_is_not_found(auditor_client: Client) -> None:
    url = reverse("audit:event_detail", args=[2**70])
    assert auditor_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected_subjects"),
    [
        ({"action": AuditAction.REQUEST_VIEWED.value}, ["1", "3"]),
        ({"occurred_from": "2026-11-02", "occurred_until": "2026-11-02"}, ["2"]),
        ({"occurred_from": "2026-11-02"}, ["2", "3"]),
        ({"occurred_until": "2026-11-01"}, ["1"]),
    ],
)
def test_the_trail_is_filtered_by_action_and_by_utc_dates_inclusive(
    auditor_client: Client, query: dict[str, str], expected_subjects: list[str]
) -> None:
    with time_machine.travel("2026-11-01 23:59:00Z", tick=False):
        _record(subject_id=1)
    with time_machine.travel("2026-11-02 12:00:00Z", tick=False):
        _record(subject_id=2, action=AuditAction.DECISION_RECORDED)
    with time_machine.travel("2026-11-03 00:00:00Z", tick=False):
        _record(subject_id=3)
    response = auditor_client.get(LIST_URL, query)
    subjects = [event.subject_id for event in response.context["page"].object_list]
    assert sorted(subjects) == expected_subjects


def test_dates_in_the_wrong_order_are_a_clear_error(auditor_client: Client) -> None:
    response = auditor_client.get(
        LIST_URL, {"occurred_from": "2026-11-03", "occurred_until": "2026-11-01"}
    )
    assert response.status_code == 200 and response.context["page"] is None
    assert "The end date comes before the start date." in response.text


def test_the_list_says_whether_the_chain_of_the_events_shown_is_intact(
    auditor_client: Client, tamper: Callable[..., None]
) -> None:
    events = [_record(subject_id=n, case_reference="IOE0000000001") for n in range(3)]
    intact = auditor_client.get(LIST_URL, {"case_reference": "IOE0000000001"}).text
    assert "Chain intact" in intact and "3 events rechecked now" in intact
    tamper(
        "UPDATE audit_auditevent SET details_json = %s WHERE id = %s",
        ('{"forged":1}', events[1].pk),
    )
    broken = auditor_client.get(LIST_URL, {"case_reference": "IOE0000000001"}).text
    assert "Chain broken" in broken and "request:1 sequence 2" in broken
