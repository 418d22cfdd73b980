"""Names refuse invisible, control and direction-changing characters at every entry point:
the core check, the person model, the portal's forms and the API's documents."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from lifeline.accounts.enums import UserRole
from lifeline.core.names import name_error_message, refused_characters
from lifeline.core.tests.api_helpers import error_of, post_json, token_client
from lifeline.intake.tests.factories import make_user, person_document, request_document
from lifeline.people.models import Person
from lifeline.people.services import build_person
from lifeline.portal.forms import PersonForm
from lifeline.portal.requests.forms import BeneficiaryForm
from lifeline.programs.documents import PersonDocument

REFUSED = [
    ("Olena\u202e", "U+202E"),  # right-to-left override
    ("Ole\u0085na", "U+0085"),  # next line (C1 control)
    ("\ufeffOlena", "U+FEFF"),  # byte-order mark / zero-width no-break space
    ("Ole\u200bna", "U+200B"),  # zero-width space
    ("Ole\u200cna", "U+200C"),  # zero-width non-joiner, in a Latin-letter name
    ("Ole\u2066na\u2069", "U+2066, U+2069"),  # isolates
    ("Ole\u00adna", "U+00AD"),  # soft hyphen
    ("Ole\tna", "U+0009"),
    ("Ole\u2028na", "U+2028"),  # line separator
    ("Ole\ue000na", "U+E000"),  # private use
]
ACCEPTED = ["Olena", "María José", "O'Brien-Smith", "Nguyễn Thị", "Олена", "محمد", "李"]


@pytest.mark.parametrize(("name", "code_points"), REFUSED)
def test_a_name_with_a_hidden_character_is_refused_naming_it(name: str, code_points: str) -> None:
    assert ", ".join(refused_characters(name)) == code_points
    message = name_error_message(name)
    assert message is not None and code_points in message


@pytest.mark.parametrize("name", ACCEPTED)
def test_names_in_any_alphabet_are_accepted(name: str) -> None:
    assert name_error_message(name) is None


def test_joiners_are_spelling_in_a_native_script_name_only() -> None:
    dari = "\u0645\u0647\u0631\u200c\u0627\u0646\u06af\u06cc\u0632"  # a name with a ZWNJ
    assert name_error_message(dari, native_script=True) is None
    assert name_error_message(dari) is not None
    assert name_error_message("\u0645\u202e", native_script=True) is not None


def test_the_message_is_in_the_readers_language() -> None:
    with translation.override("es"):
        message = name_error_message("Olena\u202e")
    assert message is not None and "U+202E" in message and "nombre" in message


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [
    ("given_name", "Olena\u202e"), ("family_name", "\ufeffKovalenko"),
    ("given_name_native", "\u041e\u043b\u0435\u043d\u0430\u200b"),
])  # fmt: skip
def test_the_person_model_refuses_such_a_name(field: str, value: str) -> None:
    person = build_person(document=PersonDocument(**person_document()))
    setattr(person, field, value)
    with pytest.raises(ValidationError) as refused:
        person.full_clean(exclude=["user", "family_group"])
    assert field in refused.value.message_dict
    assert not Person.objects.exists()


def _person_form_data(prefix: str, **names: str) -> dict[str, str]:
    data = {
        "given_name": "Olena", "family_name": "Kovalenko", "birth_date_0": "3",
        "birth_date_1": "14", "birth_date_2": "1988", "sex": "F", "citizenship": "UA",
        "current_country": "PL", **names,
    }  # fmt: skip
    return {f"{prefix}-{key}": value for key, value in data.items()}


@pytest.mark.parametrize(("field", "value"), [
    ("given_name", "Olena\u202e"), ("family_name", "Koval\u0085enko"),
])  # fmt: skip
def test_the_portal_person_form_refuses_such_a_name(field: str, value: str) -> None:
    form = PersonForm(_person_form_data("p", **{field: value}), prefix="p")
    assert not form.is_valid()
    assert "U+" in form.errors[field][0]
    assert PersonForm(_person_form_data("p"), prefix="p").is_valid(), "the baseline is valid"


@pytest.mark.parametrize("field", ["given_name_native", "family_name_native"])
def test_the_portal_beneficiary_form_refuses_such_a_native_name(field: str) -> None:
    data = _person_form_data("b", **{field: "\u041e\u043b\u0435\u043d\u0430\u202e"})
    form = BeneficiaryForm(data, prefix="b")
    form.is_valid()
    assert "U+202E" in form.errors[field][0]


@pytest.mark.django_db
@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
@pytest.mark.parametrize(("person", "path"), [
    ({"given_name": "Olena\u202e"}, "beneficiary.given_name"),
    ({"family_name_native": "\ufeff\u041a\u043e\u0432\u0430\u043b\u0435\u043d\u043a\u043e"},
     "beneficiary.family_name_native"),
    ({"other_names": ["Olga\u200b"]}, "beneficiary.other_names.0"),
])  # fmt: skip
def test_the_api_refuses_such_a_name_in_a_request(person: dict[str, Any], path: str) -> None:
    document = request_document().model_dump(mode="json")
    document["beneficiary"].update(person)
    response = post_json(token_client(make_user()), "/requests", {"document": document})
    assert response.status_code == 422, response.content
    errors = error_of(response)["details"]["errors"]
    assert [e["path"] for e in errors] == [f"document.{path}"]
    assert "U+" in errors[0]["message"] and "name" in errors[0]["message"]
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_such_a_name_in_a_declaration() -> None:
    body = {
        "program": "general",
        "supporter": {
            "person": person_document(given_name="Maria\u202e", citizenships=["US"],
                                      current_country="US", passport=None),
            "status_in_us": "citizen", "annual_income_usd": 82_000, "household_size": 3,
            "relationship": "friend",
        },
        "beneficiary": person_document(),
        "beneficiary_email": "olena@example.org",
    }  # fmt: skip
    response = post_json(token_client(make_user(UserRole.SUPPORTER)), "/declarations", body)
    assert response.status_code == 422
    assert "U+202E" in error_of(response)["message"]
