"""Programs over the API: the public list of versions and the eligibility check."""

from __future__ import annotations

import pytest
from django.test import Client

from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.models import ParoleRequest, PrescreenRecord
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.people.models import Person
from lifeline.programs.registry import get_registry

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
    document = request_document().model_dump(mode="json") | {"filed_on": "2026-13-01"}
    response = post_json(token_client(make_user()), "/eligibility/check", document)
    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["path"] == "filed_on"
