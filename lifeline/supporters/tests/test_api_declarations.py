"""Supporter declarations over the API: declare, list, confirm, idempotency and bad input."""

from __future__ import annotations

from typing import Any

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.people.models import Person
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "program": "general",
        "supporter": {
            "person": person_document(
                given_name="Maria",
                family_name="Hughes",
                citizenships=["US"],
                current_country="US",
                passport=None,
            ),
            "status_in_us": "citizen",
            "annual_income_usd": 82_000,
            "household_size": 3,
            "relationship": "friend",
        },
        "beneficiary": person_document(),
        "beneficiary_email": "olena@example.org",
    }
    body.update(overrides)
    return body


def _rows() -> tuple[int, int]:
    return SupporterDeclaration.objects.count(), Person.objects.count()


def test_a_supporter_declares_and_the_named_beneficiary_confirms() -> None:
    supporter = make_user(UserRole.SUPPORTER)
    created = post_json(token_client(supporter), "/declarations", _body())
    assert created.status_code == 201
    declaration = created.json()
    assert (declaration["status"], declaration["beneficiary_name"]) == (
        "submitted",
        "Olena Kovalenko",
    )
    mine = token_client(supporter).get(f"{API}/declarations").json()
    assert [item["reference"] for item in mine["items"]] == [declaration["reference"]]

    beneficiary = token_client(make_user(UserRole.BENEFICIARY, email="Olena@example.org"))
    received = beneficiary.get(f"{API}/declarations/received").json()
    assert [item["supporter_name"] for item in received["items"]] == ["Maria Hughes"]
    confirmed = post_json(beneficiary, f"/declarations/{declaration['reference']}/confirm")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"


def test_only_the_beneficiary_whose_email_is_named_can_confirm() -> None:
    reference = post_json(
        token_client(make_user(UserRole.SUPPORTER)), "/declarations", _body()
    ).json()["reference"]
    someone_else = token_client(make_user(UserRole.BENEFICIARY, email="other@example.org"))
    response = post_json(someone_else, f"/declarations/{reference}/confirm")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert SupporterDeclaration.objects.get(reference=reference).status == "submitted"


@pytest.mark.parametrize("role", [UserRole.BENEFICIARY, UserRole.REPRESENTATIVE, UserRole.OFFICER])
def test_only_a_supporter_account_declares_support(role: str) -> None:
    rows = _rows()
    response = post_json(token_client(make_user(role)), "/declarations", _body())
    assert response.status_code == 403 and error_of(response)["code"] == "permission_denied"
    assert _rows() == rows


def test_a_second_declaration_for_the_same_beneficiary_is_a_409() -> None:
    client = token_client(make_user(UserRole.SUPPORTER))
    assert post_json(client, "/declarations", _body()).status_code == 201
    rows = _rows()
    response = post_json(client, "/declarations", _body())
    assert response.status_code == 409
    assert error_of(response)["code"] == "duplicate_declaration"
    assert _rows() == rows


def test_a_retried_declaration_with_the_same_key_is_not_a_duplicate() -> None:
    client = token_client(make_user(UserRole.SUPPORTER))
    first = post_json(client, "/declarations", _body(), key="decl-1")
    again = post_json(client, "/declarations", _body(), key="decl-1")
    assert (again.status_code, again.json()) == (201, first.json())
    assert SupporterDeclaration.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "words"),
    [
        ({"program": "atlantis"}, 404, "Unknown program"),
        ({"program": "chnv_cuba"}, 422, "chnv_cuba takes no new requests on"),
        ({"beneficiary_email": "not an email"}, 422, "beneficiary_email"),
        ({"supporter": {"status_in_us": "citizen"}}, 422, "supporter.person"),
        ({"beneficiary": person_document(birth_date="1988-02-30")}, 422, "beneficiary.birth_date"),
        ({"joins_reference": "SD-0000000000"}, 404, "SD-0000000000"),
    ],
)
def test_bad_declarations_are_refused_clearly_and_write_nothing(
    overrides: dict[str, Any], status: int, words: str
) -> None:
    rows = _rows()
    response = post_json(
        token_client(make_user(UserRole.SUPPORTER)), "/declarations", _body(**overrides)
    )
    assert response.status_code == status, response.content
    assert words in error_of(response)["message"]
    assert _rows() == rows
