"""The beneficiary's request: filing, uploads scanned by clamd, submission and pre-screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lifeline.accounts.models import User
from lifeline.audit.models import AuditEvent
from lifeline.core.tests.api_helpers import image_bytes, post_json, token_client
from lifeline.intake.documents import read_document
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.tests.factories import make_user, person_document, request_document
from lifeline.portal.antivirus import EICAR
from lifeline.portal.tests.flows import (
    declaration_answers,
    make_account,
    post_steps,
    request_answers,
    signed_in,
)
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db
BASE = "/requests/new/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def beneficiary() -> User:
    """A beneficiary whose supporter's declaration is confirmed."""
    post_steps(
        signed_in(make_account("supporter")),
        "/declarations/new/",
        declaration_answers("olena@example.org"),
    )
    user = make_account("beneficiary", email="olena@example.org", language="uk")
    declaration = SupporterDeclaration.objects.get()
    signed_in(user).post(f"/declarations/{declaration.reference}/confirm/")
    return user


def _file(client: Client, beneficiary: User) -> ParoleRequest:
    declaration = SupporterDeclaration.objects.get()
    response = post_steps(client, BASE, request_answers([declaration.reference]))
    created = ParoleRequest.objects.get(filed_by=beneficiary)
    assert response["Location"] == f"/requests/{created.reference}/"
    return created


def test_a_beneficiary_files_a_draft_with_the_confirmed_declaration(beneficiary: User) -> None:
    created = _file(signed_in(beneficiary), beneficiary)
    assert (created.status, created.program, created.category) == ("draft", "general", "medical")
    assert created.language == "uk"
    assert list(created.declarations.all()) == list(SupporterDeclaration.objects.all())
    assert created.document["supporters"][0]["annual_income_usd"] == 86000
    assert created.family_group is not None


def test_the_request_page_lists_the_programs_evidence_checklist(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    created = _file(client, beneficiary)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    assert "A physician&#x27;s statement of the diagnosis" in page
    assert "Evidence that the treatment is not available at home" in page
    viewed = AuditEvent.objects.get(stream=f"request:{created.pk}", action="request.viewed")
    assert viewed.actor == beneficiary and viewed.details == {"where": "portal.request"}


def test_a_clean_pdf_is_scanned_by_clamd_and_stored(beneficiary: User, scanner: Path) -> None:
    client = signed_in(beneficiary)
    created = _file(client, beneficiary)
    pdf = SimpleUploadedFile("letter.pdf", image_bytes("PDF"), content_type="application/pdf")
    response = client.post(
        f"/requests/{created.reference}/evidence/", {"kind": "physician_statement", "file": pdf}
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert (item.kind, item.scan_status) == ("physician_statement", "clean")


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"),
    [
        ("eicar.com", EICAR, "application/octet-stream", "Only PDF, JPEG and PNG"),
        ("eicar.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n", "application/pdf", "contains a virus"),
        ("photo.jpg", image_bytes("PNG"), "image/jpeg", "does not match its content"),
        ("page.html", b"<html><body>hello</body></html>", "text/html", "Only PDF, JPEG and PNG"),
    ],
)
def test_an_infected_or_mislabelled_file_is_refused_and_nothing_is_stored(
    beneficiary: User, scanner: Path, settings: Any, name: str, data: bytes, content_type: str,
    message: str,
) -> None:  # fmt: skip
    client = signed_in(beneficiary)
    created = _file(client, beneficiary)
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post(
        f"/requests/{created.reference}/evidence/", {"kind": "physician_statement", "file": upload}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert EvidenceItem.objects.count() == 0
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.parametrize("role", ["officer", "supervisor", "integrity_analyst"])
def test_a_case_file_reader_cannot_add_evidence_even_with_a_valid_file(
    beneficiary: User, settings: Any, role: str
) -> None:
    created = _file(signed_in(beneficiary), beneficiary)
    staff = signed_in(make_account(role))
    assert staff.get(f"/requests/{created.reference}/").status_code == 200  # may read it
    pdf = SimpleUploadedFile("letter.pdf", image_bytes("PDF"), content_type="application/pdf")
    response = staff.post(
        f"/requests/{created.reference}/evidence/", {"kind": "physician_statement", "file": pdf}
    )
    assert response.status_code == 404
    assert EvidenceItem.objects.count() == 0
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_an_oversized_file_is_refused(beneficiary: User, settings: Any) -> None:
    settings.LIFELINE_MAX_UPLOAD_BYTES = 1000
    client = signed_in(beneficiary)
    created = _file(client, beneficiary)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2000, "application/pdf")
    response = client.post(
        f"/requests/{created.reference}/evidence/", {"kind": "other", "file": upload}
    )
    assert response.status_code == 422 and "larger than" in response.content.decode()
    assert EvidenceItem.objects.count() == 0


def test_submitting_pre_screens_the_request_and_shows_the_result_in_plain_words(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    created = _file(client, beneficiary)
    response = client.post(
        f"/requests/{created.reference}/submit/",
        {"version": str(created.version), "send_without_missing": "yes"},
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.status, created.prescreen_outcome) == ("prescreened", "meets_criteria")
    page = client.get(f"/uk/requests/{created.reference}/").content.decode()
    assert 'id="prescreen"' in page and 'lang="uk"' in page


def test_a_child_can_file_for_general_parole_without_a_parent(beneficiary: User) -> None:
    """INA 212(d)(5)(A) sets no travel companion for a child: only programs whose texts require
    one (U4U, CHNV) refuse a child travelling without a parent or legal guardian."""
    client = signed_in(beneficiary)
    declaration = SupporterDeclaration.objects.get()
    answers = request_answers([declaration.reference], birth_date="2015-06-01")
    response = post_steps(client, BASE, answers)
    assert response.status_code == 302
    assert ParoleRequest.objects.count() == 1


@pytest.mark.parametrize("travelling_with", [None, {"none": True}])
def test_the_api_applies_no_minor_travel_rule_to_general_parole(
    travelling_with: dict[str, bool] | None,
) -> None:
    """The portal and the API run the same program rules: general parole has no travel rule."""
    document = request_document(
        beneficiary=person_document(birth_date="2015-06-01"),
        immigration_history={"in_united_states": False, "in_removal_proceedings": False},
        travelling_with=travelling_with,
    ).model_dump(mode="json")
    answer = post_json(token_client(make_user()), "/eligibility/check", document, key=None).json()
    assert "minor_travels_with_parent_or_guardian" not in [r["id"] for r in answer["rules"]]


def _family_data(**overrides: str) -> dict[str, str]:
    data = {
        "given_name": "Sofia",
        "family_name": "Kovalenko",
        "birth_date_0": "6",
        "birth_date_1": "1",
        "birth_date_2": "2015",
        "sex": "F",
        "citizenship": "UA",
        "current_country": "PL",
        "relationship_to_principal": "child",
        "companion": "parent",
        "attest": "on",
    }
    data.update(overrides)
    return data


def test_a_child_gets_their_own_request_travelling_with_the_parent(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    principal = _file(client, beneficiary)
    response = client.post(f"/requests/{principal.reference}/family/", _family_data())
    child = ParoleRequest.objects.exclude(pk=principal.pk).get()
    assert response["Location"] == f"/requests/{child.reference}/"
    assert child.travelling_with == principal and child.family_group == principal.family_group
    assert child.document["travelling_with"]["relationship"] == "parent"
    assert child.document["relationship_to_principal"] == "child"


def test_a_general_parole_child_may_travel_with_another_adult(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    principal = _file(client, beneficiary)
    response = client.post(
        f"/requests/{principal.reference}/family/", _family_data(companion="other_adult")
    )
    assert response.status_code == 302
    assert ParoleRequest.objects.count() == 2


def test_a_spouse_gets_their_own_request_in_the_family_group(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    principal = _file(client, beneficiary)
    response = client.post(
        f"/requests/{principal.reference}/family/",
        _family_data(
            given_name="Taras",
            birth_date_2="1986",
            relationship_to_principal="spouse",
            companion="",
        ),
    )
    spouse = ParoleRequest.objects.exclude(pk=principal.pk).get()
    assert response["Location"] == f"/requests/{spouse.reference}/"
    assert spouse.family_group == principal.family_group and spouse.travelling_with is None
    assert spouse.document["relationship_to_principal"] == "spouse"


def test_a_child_with_no_companion_named_is_filed_for_general_parole(
    beneficiary: User,
) -> None:
    """General parole sets no companion for a child; the portal records that nobody was named,
    without contradicting that the child travels with the principal ("travels with nobody")."""
    client = signed_in(beneficiary)
    principal = _file(client, beneficiary)
    response = client.post(f"/requests/{principal.reference}/family/", _family_data(companion=""))
    assert response.status_code == 302
    child = ParoleRequest.objects.exclude(pk=principal.pk).get()
    assert child.travelling_with is None and child.document["travelling_with_principal"] is True
    assert child.document.get("travelling_with") is None
    assert read_document(child).travelling_with is None


def test_another_person_cannot_see_the_request(beneficiary: User) -> None:
    created = _file(signed_in(beneficiary), beneficiary)
    stranger = signed_in(make_account("beneficiary"))
    assert stranger.get(f"/requests/{created.reference}/").status_code == 404


def test_the_review_step_shows_the_evidence_checklist_before_saving(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = request_answers([SupporterDeclaration.objects.get().reference])
    for step, fields in answers.items():
        data = {k if k.startswith(f"{step}-") else f"{step}-{k}": v for k, v in fields.items()}
        client.post(f"{BASE}{step}/", data)
    page = client.get(f"{BASE}review/").content.decode()
    assert "Evidence the program will ask for" in page
    assert "A physician&#x27;s statement of the diagnosis" in page
    assert ParoleRequest.objects.count() == 0
