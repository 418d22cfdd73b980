"""Programs over the API: the public list of versions and the eligibility check."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.models import ParoleRequest, PrescreenRecord
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.people.models import Person
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import get_filing_fee_due_cents
from lifeline.programs.registry import get_registry
from lifeline.programs.tests import builders

pytestmark = pytest.mark.django_db


def test_anyone_can_list_the_programs_and_their_versions() -> None:
    response = Client().get(f"{API}/programs")
    assert response.status_code == 200
    programs = {entry["program"]: entry["versions"] for entry in response.json()}
    assert set(programs) == set(get_registry().programs())
    first = programs["general"][0]
    assert first["version"] == "general-2016-12-23"
    assert first["effective_from"] == "2016-12-23" and "medical" in first["categories"]


def test_the_eligibility_check_answers_the_prescreen_and_saves_nothing() -> None:
    client = token_client(make_user())
    document = request_document().model_dump(mode="json")
    response = post_json(client, "/eligibility/check", document, key=None)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["program"] == "general" and result["outcome"]
    assert {rule["id"] for rule in result["rules"]} >= {"category_accepted"}
    assert not ParoleRequest.objects.exists() and not PrescreenRecord.objects.exists()
    assert not Person.objects.exists()


def test_an_eligibility_check_for_an_unknown_program_is_a_404_naming_the_known_ones() -> None:
    document = request_document().model_dump(mode="json") | {"program": "atlantis"}
    response = post_json(token_client(make_user()), "/eligibility/check", document)
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "unknown_program" and "general" in error["message"]


def test_an_eligibility_check_with_an_impossible_date_is_a_422() -> None:
    document = request_document().model_dump(mode="json") | {"postmarked_on": "2026-13-01"}
    response = post_json(token_client(make_user()), "/eligibility/check", document)
    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["path"] == "postmarked_on"


def test_an_eligibility_check_with_a_cap_the_program_lacks_is_a_422_naming_it() -> None:
    usage = [{"cap": "u4u_total", "used": 1}]
    document = request_document().model_dump(mode="json") | {"cap_usage": usage}
    response = post_json(token_client(make_user()), "/eligibility/check", document)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "cap_usage_invalid" and "'u4u_total'" in error["message"]


def test_an_eligibility_check_with_contradictory_household_travel_is_a_422_naming_the_member() -> (
    None
):
    document = request_document().model_dump(mode="json")
    principal = document["beneficiary"]
    child = {
        "relationship": "child",
        "person": {**principal, "given_name": "Child", "birth_date": "2015-04-01"},
        "travelling_with_principal": False,
        "travelling_with": {"relationship": "parent", "person": principal},
    }
    response = post_json(
        token_client(make_user()), "/eligibility/check", document | {"household": [child]}
    )
    assert response.status_code == 422
    message = error_of(response)["details"]["errors"][0]["message"]
    assert "household[0] (child): travelling_with_principal is false but travelling_with names" in (
        message
    )


@pytest.mark.parametrize(
    ("as_of", "first_words"), [("2025-10-15", "No Immigration parole fee"), ("2025-10-16", "")]
)
def test_the_eligibility_check_prices_the_parole_fee_as_of_the_date_asked(
    as_of, first_words, time_machine
) -> None:
    time_machine.move_to("2031-01-01T00:00:00Z")
    document = request_document(filed_on="2025-09-01").model_dump(mode="json")
    response = post_json(
        token_client(make_user()), f"/eligibility/check?as_of={as_of}", document, key=None
    )
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["as_of"] == as_of
    assert result["evaluated_at"] == f"{as_of}T00:00:00Z"
    fee = next(line for line in result["fees"] if line["kind"] == "parole_grant")
    assert fee["priced_on"] == as_of
    assert fee["reason"].startswith(first_words)
    assert ("before 2025-10-16" in fee["reason"]) == (as_of == "2025-10-15")


def test_an_eligibility_check_with_an_impossible_as_of_is_a_422() -> None:
    document = request_document().model_dump(mode="json")
    response = post_json(token_client(make_user()), "/eligibility/check?as_of=2026-02-30", document)
    assert response.status_code == 422


@pytest.mark.parametrize(
    "as_of", ["2026-11-01T00:00:00", "2026-11-01T00:00:00Z", "2026-11-01 00:00", "20261101"]
)
def test_an_eligibility_check_with_an_as_of_that_is_not_a_bare_date_is_a_422(as_of: str) -> None:
    document = request_document().model_dump(mode="json")
    response = post_json(
        token_client(make_user()), f"/eligibility/check?as_of={quote(as_of)}", document
    )
    assert response.status_code == 422
    assert "must be a date written YYYY-MM-DD, with no time" in response.content.decode()


def test_the_eligibility_check_takes_a_household_and_answers_each_person_in_plain_words() -> None:
    """Through the API document: a spouse, and a child of 9 who travels with nobody."""
    document = request_document(
        filed_on="2026-11-02",
        immigration_history={"in_united_states": False, "in_removal_proceedings": True},
    ).model_dump(mode="json")
    spouse = {
        "relationship": "spouse",
        "person": document["beneficiary"] | {"given_name": "Taras", "sex": "M"},
        "travelling_with_principal": True,
    }
    child = {
        "relationship": "child",
        "person": document["beneficiary"] | {"given_name": "Sofia", "birth_date": "2017-05-01"},
        "travelling_with_principal": False,
        "travelling_with": {"none": True},
    }
    document["household"] = [spouse, child]
    household = RequestDocument.model_validate(document)
    document["filing_fee_remitted_cents"] = get_filing_fee_due_cents(household)  # for all three
    response = post_json(
        token_client(make_user()), "/eligibility/check?as_of=2026-11-02", document, key=None
    )
    assert response.status_code == 200, response.content
    result = response.json()
    principal, member, minor = result["people"]
    assert (principal["outcome"], principal["route_to"]) == ("route_elsewhere", "ice")
    assert principal["route"]["label"] == "U.S. Immigration and Customs Enforcement"
    assert principal["route"]["citation"]["authority"] == "Humanitarian Parole"
    assert principal["route"]["citation"]["url"].startswith("https://www.uscis.gov/")
    assert result["outcome_explanation"] == (
        f"For the principal beneficiary: {principal['outcome_explanation']} Of the 3 people in "
        "the request, 2 need information; 1 goes to another office or process."
    )
    # The spouse's and the child's own immigration history is not stated: were either in
    # removal proceedings, ICE would be their route too, which outranks qualifying through the
    # principal, so it is asked for (ADR 0252).
    assert member["relationship"] == "spouse" and member["outcome"] == "needs_information"
    assert minor["outcome"] == "needs_information"
    for person in (member, minor):
        rules = {rule["id"]: rule["result"] for rule in person["rules"]}
        assert rules["qualifies_through_principal"] == "fail"
        assert rules["not_in_removal_proceedings_or_previously_removed"] == "unknown"
    assert all(person["outcome_explanation"] for person in result["people"])
    assert result["household"]["people"] == 3


def test_the_eligibility_check_leaves_out_a_spouse_who_does_not_travel_or_join() -> None:
    """A spouse stated not to travel with or join the principal is not part of the request:
    no rule, no fee, counted apart, and the filing fee due is the principal's alone (ADR 0278)."""
    document = request_document(filed_on="2026-11-02").model_dump(mode="json")
    alone_cents = get_filing_fee_due_cents(RequestDocument.model_validate(document))
    spouse = {
        "relationship": "spouse",
        "person": document["beneficiary"] | {"given_name": "Taras", "sex": "M"},
        "travelling_with_principal": False,
    }
    document["household"] = [spouse]
    due_cents = get_filing_fee_due_cents(RequestDocument.model_validate(document))
    assert due_cents == alone_cents > 0
    document["filing_fee_remitted_cents"] = due_cents
    response = post_json(
        token_client(make_user()), "/eligibility/check?as_of=2026-11-02", document, key=None
    )
    assert response.status_code == 200, response.content
    result = response.json()
    principal, member = result["people"]
    assert member["outcome"] == "not_applicable"
    assert "not part of this request" in member["outcome_explanation"]
    assert member["rules"] == [] and member["fees"] == []
    remitted = {rule["id"]: rule["result"] for rule in principal["rules"]}["filing_fee_remitted"]
    assert remitted == "pass"
    assert result["household"] == {
        "people": 1,
        "outcomes": {principal["outcome"]: 1},
        "all_meet_criteria": principal["outcome"] == "meets_criteria",
        "not_part_of_request": 1,
    }
    assert result["outcome_explanation"].endswith(
        "1 family member listed does not travel with or join the principal beneficiary and is "
        "not part of the request."
    )


@pytest.mark.parametrize(
    ("as_of", "outcome", "route_label", "words"),
    [
        # 87 FR 23211 and 88 FR 56872: first registrations to 19 April 2025, 90 FR 5936 none.
        ("2024-06-01", "needs_information", None, "does not say"),
        ("2025-04-20", "route_elsewhere", "Asylum", "fears persecution"),
    ],
)
def test_the_eligibility_check_asks_for_an_arrival_or_names_asylum_in_plain_words(
    as_of, outcome, route_label, words
) -> None:
    """A Ukrainian here who does not say since when they have lived in the United States."""
    document = builders.document(
        "u4u",
        {
            "beneficiary.residence_history": [{"country": "UA", "from_on": "1985-06-15"}],
            "immigration_history.in_united_states": True,
        },
    ).model_dump(mode="json")
    response = post_json(
        token_client(make_user()), f"/eligibility/check?as_of={as_of}", document, key=None
    )
    assert response.status_code == 200, response.content
    result = response.json()
    route = result["route"] or {}
    assert (result["outcome"], route.get("label")) == (outcome, route_label)
    said = " ".join(
        [result["outcome_explanation"], route.get("explanation") or ""]
        + [rule["explanation"] for rule in result["rules"] if rule["result"] != "pass"]
    )
    assert words in said


def test_the_eligibility_check_takes_a_lawful_temporary_resident_as_a_supporter() -> None:
    document = builders.document(
        "chnv_venezuela",
        {"filed_on": "2022-11-01", "supporters": [builders.supporter("temporary_resident")]},
    ).model_dump(mode="json")
    response = post_json(token_client(make_user()), "/eligibility/check", document, key=None)
    assert response.status_code == 200, response.content
    rules = {rule["id"]: rule["result"] for rule in response.json()["rules"]}
    assert rules["supporter_status_qualifies"] == "pass"
