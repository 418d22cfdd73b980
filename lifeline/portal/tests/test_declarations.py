"""The supporter's declaration, the invitation over SMTP and the beneficiary's confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from typing import Any, get_args

import pytest
import time_machine

from lifeline.audit.models import AuditEvent
from lifeline.portal.choices import STATUS_IN_US
from lifeline.portal.declarations.forms import StatusStepForm
from lifeline.portal.tests.flows import (
    declaration_answers,
    make_account,
    post_steps,
    signed_in,
)
from lifeline.programs.documents import SupporterDocument
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db
BASE = "/declarations/new/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


def test_a_supporter_declares_and_the_beneficiary_is_invited_by_mail(
    smtp_inbox: list[Message], django_capture_on_commit_callbacks: Any
) -> None:
    supporter = make_account("supporter")
    client = signed_in(supporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_steps(client, BASE, declaration_answers("olena@example.org"))
    declaration = SupporterDeclaration.objects.get()
    assert response["Location"] == f"/declarations/{declaration.reference}/"
    assert (declaration.status, declaration.annual_income_usd) == ("submitted", 86000)
    assert declaration.supporter.ssn == "123-45-6789"
    assert [m["To"] for m in smtp_inbox] == ["olena@example.org"]
    body = smtp_inbox[0].get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert declaration.reference in body and f"/declarations/{declaration.reference}/" in body
    dashboard = client.get("/dashboard/").content.decode()
    assert declaration.reference in dashboard and "Waiting for the beneficiary" in dashboard


def test_a_second_declaration_for_the_same_person_and_program_is_refused_and_explained(
    smtp_inbox: list[Message], django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(make_account("supporter"))
    with django_capture_on_commit_callbacks(execute=True):
        post_steps(client, BASE, declaration_answers("olena@example.org"))
        client.get(f"{BASE}?restart=1")
        response = post_steps(client, BASE, declaration_answers("olena@example.org"))
    assert response.status_code == 200
    assert "One declaration per person and program" in response.content.decode()
    assert SupporterDeclaration.objects.count() == 1
    assert len(smtp_inbox) == 1


@pytest.mark.parametrize(
    ("language", "field", "value", "message"),
    [
        ("es", "beneficiary-birth_date_0", "13", "Introduzca una fecha real"),
        ("ar", "beneficiary-beneficiary_email", "olena@", "أدخل عنوان بريد إلكتروني"),
        ("en", "beneficiary-given_name", "", "Fill in this field."),
    ],
)
def test_bad_input_gets_a_clear_error_in_the_readers_language_and_saves_nothing(
    language: str, field: str, value: str, message: str
) -> None:
    client = signed_in(make_account("supporter"))
    prefix = "" if language == "en" else f"/{language}"
    data = {
        f"beneficiary-{k}": v
        for k, v in declaration_answers("olena@example.org")["beneficiary"].items()
    }
    data = {k.replace("beneficiary-beneficiary-", "beneficiary-"): v for k, v in data.items()}
    data[field] = value
    response = client.post(f"{prefix}{BASE}beneficiary/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SupporterDeclaration.objects.count() == 0
    assert client.get(f"{prefix}{BASE}review/").status_code == 302


def test_the_beneficiary_confirms_the_declaration_addressed_to_them() -> None:
    supporter_client = signed_in(make_account("supporter"))
    post_steps(supporter_client, BASE, declaration_answers("olena@example.org"))
    declaration = SupporterDeclaration.objects.get()
    beneficiary = make_account("beneficiary", email="olena@example.org")
    client = signed_in(beneficiary)
    assert declaration.reference in client.get("/dashboard/").content.decode()
    response = client.post(f"/declarations/{declaration.reference}/confirm/")
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.status, declaration.confirmed_by) == ("confirmed", beneficiary)
    assert AuditEvent.objects.filter(action="declaration.confirmed").count() == 1


def test_someone_else_cannot_see_or_confirm_a_declaration() -> None:
    post_steps(signed_in(make_account("supporter")), BASE, declaration_answers("olena@example.org"))
    declaration = SupporterDeclaration.objects.get()
    stranger = signed_in(make_account("beneficiary"))
    assert stranger.get(f"/declarations/{declaration.reference}/").status_code == 404
    stranger.post(f"/declarations/{declaration.reference}/confirm/")
    declaration.refresh_from_db()
    assert declaration.status == "submitted"


def test_only_a_supporter_account_can_declare() -> None:
    response = signed_in(make_account("beneficiary")).get(f"{BASE}beneficiary/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


def test_a_co_supporter_joins_an_existing_declaration() -> None:
    post_steps(signed_in(make_account("supporter")), BASE, declaration_answers("olena@example.org"))
    first = SupporterDeclaration.objects.get()
    answers = declaration_answers("olena@example.org")
    answers["beneficiary"]["joins_reference"] = first.reference
    post_steps(signed_in(make_account("supporter")), BASE, answers)
    second = SupporterDeclaration.objects.exclude(pk=first.pk).get()
    assert second.joins == first


def test_the_supporter_withdraws_a_declaration() -> None:
    client = signed_in(make_account("supporter"))
    post_steps(client, BASE, declaration_answers("olena@example.org"))
    declaration = SupporterDeclaration.objects.get()
    client.post(f"/declarations/{declaration.reference}/withdraw/")
    declaration.refresh_from_db()
    assert declaration.status == "withdrawn"


@pytest.mark.parametrize(
    ("invitee_language", "page", "link"),
    [
        ("uk", "", "/uk/declarations/"),  # the invitee's own language
        (None, "/ar", "/ar/declarations/"),  # else the inviter's
        (None, "", "/declarations/"),
    ],
)
def test_the_invitation_is_in_the_invitees_language_with_the_link_in_that_language(
    smtp_inbox: list[Message], django_capture_on_commit_callbacks: Any,
    invitee_language: str | None, page: str, link: str,
) -> None:  # fmt: skip
    if invitee_language:
        make_account("beneficiary", email="olena@example.org", language=invitee_language)
    client = signed_in(make_account("supporter"))
    with django_capture_on_commit_callbacks(execute=True):
        post_steps(client, f"{page}{BASE}", declaration_answers("olena@example.org"))
    declaration = SupporterDeclaration.objects.get()
    body = smtp_inbox[0].get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert f"{link}{declaration.reference}/" in body
    assert ("://testserver/declarations/" in body) is (link == "/declarations/")
    english = "declared that they will support you" in body
    assert english is (link == "/declarations/")


def test_the_program_list_offers_only_programs_taking_requests_and_names_the_others() -> None:
    """USCIS's Form I-134A page: "USCIS is pausing acceptance of Form I-134A, Online Request to
    be a Supporter and Declaration of Financial Support"; the process for Cubans takes no
    declaration on 2 November 2026, the general process does."""
    page = signed_in(make_account("supporter")).get(f"{BASE}beneficiary/").content.decode()
    options = page[page.index('id="id_beneficiary-program"') :]
    options = options[: options.index("</select>")]
    assert 'value="general"' in options and 'value="chnv_cuba"' not in options
    closed = page[page.index('id="closed-programs"') :]
    assert "Parole process for Cubans" in closed[: closed.index("</details>")]


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "takes no new requests today"), ("/es", "no acepta solicitudes nuevas hoy")],
)
def test_a_declaration_under_a_closed_program_is_refused_before_any_other_step(
    prefix: str, words: str
) -> None:
    client = signed_in(make_account("supporter"))
    answers = declaration_answers("olena@example.org")["beneficiary"]
    sent = client.post(
        f"{prefix}{BASE}beneficiary/",
        {f"beneficiary-{k}": v for k, v in {**answers, "program": "chnv_cuba"}.items()},
    )
    assert sent.status_code == 400 and words in sent.content.decode()
    assert client.get(f"{prefix}{BASE}identity/")["Location"].endswith(f"{BASE}beneficiary/")
    assert not SupporterDeclaration.objects.exists()


def test_the_status_choices_are_the_statuses_a_request_document_takes() -> None:
    offered = [code for code, _label in STATUS_IN_US]
    taken = list(get_args(SupporterDocument.model_fields["status_in_us"].annotation))
    assert offered == taken
    assert "temporary_resident" in offered


@pytest.mark.parametrize(("a_number", "valid"), [("A123456789", True), ("", False)])
def test_a_lawful_temporary_resident_gives_the_a_number_of_that_status(
    a_number: str, valid: bool
) -> None:
    form = StatusStepForm(
        data={"status_in_us": "temporary_resident", "a_number": a_number, "ssn": ""}
    )
    assert form.is_valid() is valid
