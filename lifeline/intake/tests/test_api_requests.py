"""Requests over the API: round trips, idempotent creates, representatives, linkage, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import time_machine

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.core import clock
from lifeline.core.models import IdempotencyRecord
from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.models import ParoleRequest
from lifeline.intake.schemas import RequestCreateIn
from lifeline.intake.services import rescreen_request
from lifeline.intake.tests.factories import make_user, person_document, request_document
from lifeline.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock() -> Any:
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _body(**document: Any) -> dict[str, Any]:
    return {"document": request_document(**document).model_dump(mode="json")}


def _rows() -> tuple[int, int, int]:
    return (
        ParoleRequest.objects.count(),
        Person.objects.count(),
        IdempotencyRecord.objects.count(),
    )


def _create(user: User, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = post_json(token_client(user), "/requests", body or _body())
    assert response.status_code == 201, response.content
    return response.json()


def test_a_beneficiary_creates_reads_submits_and_follows_a_request() -> None:
    owner = make_user(UserRole.BENEFICIARY)
    client = token_client(owner)
    created = post_json(client, "/requests", _body())
    assert created.status_code == 201
    draft = created.json()
    assert (draft["status"], draft["filed_by"], draft["program"]) == (
        "draft",
        owner.username,
        "general",
    )
    reference = draft["reference"]
    detail = client.get(f"{API}/requests/{reference}").json()
    assert detail["document"]["beneficiary"]["family_name"] == "Kovalenko"

    submitted = post_json(client, f"/requests/{reference}/submit", {"expected_version": 1})
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "prescreened"
    assert submitted.json()["filed_on"] == "2026-11-02"
    assert submitted.json()["prescreen_outcome"]

    timeline = client.get(f"{API}/requests/{reference}/timeline").json()
    assert [(e["kind"], e.get("to_status")) for e in timeline] == [
        ("status_change", "submitted"),
        ("prescreen", None),
        ("status_change", "prescreened"),
    ]
    assert timeline[1]["rules"] and timeline[1]["program_version"] == "general-2016-12-23"

    listed = client.get(f"{API}/requests", {"status": "prescreened"}).json()
    assert [item["reference"] for item in listed["items"]] == [reference]
    assert client.get(f"{API}/requests", {"status": "draft"}).json()["count"] == 0


def test_the_documented_create_example_is_a_version_2_body_the_api_accepts() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    section = doc.split("### Creating a request", 1)[1]
    body = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    assert body["document"]["schema_version"] == 2 and "filed_on" not in body["document"]
    RequestCreateIn.model_validate(body)
    created = _create(make_user(UserRole.BENEFICIARY), body)
    assert (created["program"], created["category"]) == ("general", "medical")


def test_a_submit_without_a_body_works_and_a_second_submit_is_a_conflict() -> None:
    owner = make_user()
    client = token_client(owner)
    reference = _create(owner)["reference"]
    assert post_json(client, f"/requests/{reference}/submit", "").status_code == 200
    again = post_json(client, f"/requests/{reference}/submit", "")
    assert again.status_code == 409
    assert error_of(again)["code"] == "transition_not_allowed"


def test_a_stale_version_on_submit_is_a_409_and_the_draft_stays_a_draft() -> None:
    owner = make_user()
    reference = _create(owner)["reference"]
    response = post_json(
        token_client(owner), f"/requests/{reference}/submit", {"expected_version": 7}
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "stale_version"
    assert ParoleRequest.objects.get(reference=reference).status == "draft"


def test_retrying_a_create_with_the_same_key_gives_the_same_answer_and_one_row() -> None:
    client = token_client(make_user())
    first = post_json(client, "/requests", _body(), key="create-1")
    rows = _rows()
    again = post_json(client, "/requests", _body(), key="create-1")
    assert (again.status_code, again.json()) == (201, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert _rows() == rows
    different = post_json(client, "/requests", _body(category="protection"), key="create-1")
    assert different.status_code == 409
    assert error_of(different)["code"] == "idempotency_key_reused"
    assert _rows() == rows


def test_retrying_a_submit_with_the_same_key_replays_the_first_answer() -> None:
    owner = make_user()
    client = token_client(owner)
    reference = _create(owner)["reference"]
    first = post_json(client, f"/requests/{reference}/submit", {}, key="submit-1")
    again = post_json(client, f"/requests/{reference}/submit", {}, key="submit-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()


def test_a_representative_files_for_a_consenting_client_only() -> None:
    representative = make_user(UserRole.REPRESENTATIVE)
    client_user = make_user(UserRole.BENEFICIARY)
    body = {**_body(), "client_username": client_user.username}
    rows = _rows()
    refused = post_json(token_client(representative), "/requests", body)
    assert refused.status_code == 403 and "consented" in error_of(refused)["message"]
    assert _rows() == rows
    RepresentationConsent.objects.create(
        representative=representative, client=client_user, granted_at=clock.now()
    )
    created = _create(representative, body)
    assert (created["filed_by"], created["representative"]) == (
        client_user.username,
        representative.username,
    )
    assert token_client(client_user).get(f"{API}/requests").json()["count"] == 1


@pytest.mark.parametrize("role", [UserRole.BENEFICIARY, UserRole.SUPPORTER])
def test_another_applicant_cannot_see_or_touch_a_request(role: str) -> None:
    reference = _create(make_user())["reference"]
    stranger = token_client(make_user(role))
    for path in ("", "/timeline", "/evidence"):
        response = stranger.get(f"{API}/requests/{reference}{path}")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert post_json(stranger, f"/requests/{reference}/submit", {}).status_code == 404
    assert stranger.get(f"{API}/requests").json()["count"] == 0


def test_a_minor_links_to_a_companion_request_the_filer_can_see() -> None:
    parent = make_user()
    companion = _create(parent)["reference"]
    child = _create(parent, {**_body(), "travelling_with": companion})
    assert child["travelling_with"] == companion
    stranger_request = _create(make_user())["reference"]
    response = post_json(
        token_client(parent), "/requests", {**_body(), "travelling_with": stranger_request}
    )
    assert response.status_code == 404 and stranger_request in error_of(response)["message"]


def test_joining_the_family_of_a_request_without_a_family_group_is_refused_clearly() -> None:
    owner = make_user()
    reference = _create(owner)["reference"]
    rows = _rows()
    response = post_json(token_client(owner), "/requests", {**_body(), "family_with": reference})
    assert response.status_code == 422 and "family group" in error_of(response)["message"]
    assert _rows() == rows


def test_an_unconfirmed_or_unknown_declaration_cannot_be_attached() -> None:
    rows = _rows()
    response = post_json(
        token_client(make_user()), "/requests", {**_body(), "declarations": ["SD-0000000000"]}
    )
    assert response.status_code == 404
    assert error_of(response)["details"]["references"] == ["SD-0000000000"]
    assert _rows() == rows


@pytest.mark.parametrize(
    ("document", "status", "words"),
    [
        ({"program": "atlantis"}, 404, "Unknown program 'atlantis'"),
        ({"postmarked_on": "2026-02-30"}, 422, "document.postmarked_on"),
        ({"postmarked_on": "yesterday"}, 422, "document.postmarked_on"),
        (
            {"beneficiary": person_document(birth_date="2027-01-01")},
            422,
            "birth_date is after postmarked_on",
        ),
        (
            {"beneficiary": person_document(birth_date="1850-01-01")},
            422,
            "1850-01-01 is out of range",
        ),
        ({"category": "tourism"}, 422, "document.category"),
        ({"requested_duration_days": "many"}, 422, "document.requested_duration_days"),
        ({"requested_duration_days": 10**30}, 422, "document.requested_duration_days"),
        ({"beneficiary": person_document(citizenships=[])}, 422, "citizenships"),
    ],
)
def test_bad_request_documents_are_refused_clearly_and_write_nothing(
    document: dict[str, Any], status: int, words: str
) -> None:
    body = {"document": {**_body()["document"], **document}}
    rows = _rows()
    response = post_json(token_client(make_user()), "/requests", body)
    assert response.status_code == status, response.content
    assert words in error_of(response)["message"]
    assert _rows() == rows


def test_unknown_fields_are_refused_rather_than_ignored() -> None:
    response = post_json(token_client(make_user()), "/requests", {**_body(), "priority": "high"})
    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["path"] == "priority"


def test_lists_are_paginated_newest_first_with_a_page_size_limit() -> None:
    owner = make_user()
    references = [_create(owner)["reference"] for _ in range(3)]
    client = token_client(owner)
    page = client.get(f"{API}/requests", {"limit": 2, "offset": 1}).json()
    assert page["count"] == 3 and (page["limit"], page["offset"]) == (2, 1)
    assert [item["reference"] for item in page["items"]] == references[::-1][1:]
    for limit in (0, 101):
        too_big = client.get(f"{API}/requests", {"limit": limit})
        assert (
            too_big.status_code == 422
            and error_of(too_big)["details"]["errors"][0]["in"] == "query"
        )
    assert client.get(f"{API}/requests", {"status": "lost"}).status_code == 422


@pytest.mark.parametrize("reference", ["hp-lowercase", "HP-" + "X" * 40, "../../etc"])
def test_malformed_references_are_refused_before_any_lookup(reference: str) -> None:
    response = token_client(make_user()).get(f"{API}/requests/{reference}")
    assert response.status_code in {404, 422}
    error_of(response)


def test_the_timeline_keeps_the_order_of_events_within_one_second_and_after() -> None:
    owner = make_user()
    client = token_client(owner)
    with time_machine.travel("2026-11-03 10:00:00.700Z", tick=False):
        reference = _create(owner)["reference"]
        post_json(client, f"/requests/{reference}/submit")
    with time_machine.travel("2026-11-04 08:00:00Z", tick=False):
        rescreen_request(request_id=ParoleRequest.objects.get(reference=reference).pk)
    timeline = client.get(f"{API}/requests/{reference}/timeline").json()
    assert [
        (entry["kind"], entry.get("to_status"), entry.get("is_current")) for entry in timeline
    ] == [
        ("status_change", "submitted", None),
        ("prescreen", None, False),
        ("status_change", "prescreened", None),
        ("prescreen", None, True),
    ]


def test_a_draft_made_invalid_by_its_filing_date_is_refused_on_submit_and_kept() -> None:
    owner = make_user()
    body = {
        "document": request_document(
            filed_on="2030-01-01", beneficiary=person_document(birth_date="2028-01-01")
        ).model_dump(mode="json")
    }
    reference = _create(owner, body)["reference"]
    response = post_json(token_client(owner), f"/requests/{reference}/submit")
    assert response.status_code == 422
    assert "birth_date is after postmarked_on" in error_of(response)["message"]
    draft = ParoleRequest.objects.get(reference=reference)
    assert (draft.status, draft.filed_on, draft.status_changes.count()) == ("draft", None, 0)


def test_the_timeline_shows_each_persons_prescreen_in_plain_words() -> None:
    owner = make_user()
    client = token_client(owner)
    spouse = {
        "relationship": "spouse",
        "person": person_document(given_name="Taras", sex="M"),
        "travelling_with_principal": True,
    }
    document = request_document(household=[spouse]).model_dump(mode="json")
    with time_machine.travel("2026-11-03 10:00:00Z", tick=False):
        reference = _create(owner, {"document": document})["reference"]
        post_json(client, f"/requests/{reference}/submit")
    timeline = client.get(f"{API}/requests/{reference}/timeline").json()
    prescreen = next(entry for entry in timeline if entry["kind"] == "prescreen")
    assert [person["person"] for person in prescreen["people"]] == ["principal", "household[0]"]
    assert prescreen["people"][1]["relationship"] == "spouse"
    assert prescreen["parole"] == {
        "requested_days": 180,
        "program_max_days": 365,
        "allowed_days": 180,
    }
    assert prescreen["outcome_explanation"]
    assert prescreen["route"] is None


def test_the_timeline_gives_a_route_and_each_rule_with_its_quoted_citation() -> None:
    owner = make_user()
    client = token_client(owner)
    history = {"in_united_states": False, "in_removal_proceedings": True}
    document = request_document(immigration_history=history).model_dump(mode="json")
    with time_machine.travel("2026-11-03 10:00:00Z", tick=False):
        reference = _create(owner, {"document": document})["reference"]
        post_json(client, f"/requests/{reference}/submit")
    timeline = client.get(f"{API}/requests/{reference}/timeline").json()
    prescreen = next(entry for entry in timeline if entry["kind"] == "prescreen")
    citation = prescreen["route"]["citation"]
    assert citation["authority"] == "Humanitarian Parole"
    assert "removal proceedings" in citation["quote"]
    assert all(
        set(rule["citation"]) == {"authority", "url", "quote"} for rule in prescreen["rules"]
    )
