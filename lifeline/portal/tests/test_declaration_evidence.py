"""The supporter sends evidence of status and income from the declaration page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.audit.models import AuditEvent
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.portal.antivirus import EICAR
from lifeline.portal.tests.flows import declaration_answers, make_account, post_steps, signed_in
from lifeline.supporters.models import DeclarationEvidence, SupporterDeclaration

pytestmark = pytest.mark.django_db
BASE = "/declarations/new/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def declared() -> tuple[Any, SupporterDeclaration]:
    client = signed_in(make_account("supporter"))
    post_steps(client, BASE, declaration_answers("olena@example.org"))
    return client, SupporterDeclaration.objects.get()


def _stored_files(settings: Any) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_the_supporter_uploads_a_green_card_scanned_by_clamd_and_sees_it_listed(
    declared: tuple[Any, SupporterDeclaration], scanner: Path
) -> None:
    client, declaration = declared
    page = f"/declarations/{declaration.reference}/"
    assert "Send a document" in client.get(page).content.decode()
    upload = SimpleUploadedFile("green-card.pdf", image_bytes("PDF"), "application/pdf")
    response = client.post(f"{page}evidence/", {"kind": "status", "file": upload})
    assert response.status_code == 302 and response["Location"] == page
    item = DeclarationEvidence.objects.get()
    assert (item.kind, item.scan_status) == ("status", "clean")
    assert AuditEvent.objects.filter(action="declaration.evidence_added").count() == 1
    listed = client.get(page).content.decode()
    assert "green-card.pdf" in listed and "Proof of status in the U.S." in listed


@pytest.mark.parametrize(
    ("language", "name", "data", "content_type", "message"),
    [
        ("en", "i94.jpg", image_bytes("PDF"), "image/jpeg", "does not match its content"),
        ("en", "eicar.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n", "application/pdf", "virus"),
        ("es", "notes.txt", b"just text\n", "text/plain", "Solo se aceptan archivos PDF"),
    ],
)
def test_a_refused_file_is_explained_in_the_readers_language_and_nothing_is_saved(
    declared: tuple[Any, SupporterDeclaration],
    scanner: Path,
    settings: Any,
    language: str,
    name: str,
    data: bytes,
    content_type: str,
    message: str,
) -> None:
    client, declaration = declared
    prefix = "" if language == "en" else f"/{language}"
    upload = SimpleUploadedFile(name, data, content_type)
    response = client.post(
        f"{prefix}/declarations/{declaration.reference}/evidence/",
        {"kind": "income", "file": upload},
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not DeclarationEvidence.objects.exists() and _stored_files(settings) == []


def test_the_beneficiary_sees_no_upload_form_and_cannot_add_evidence(
    declared: tuple[Any, SupporterDeclaration], settings: Any
) -> None:
    _client, declaration = declared
    beneficiary = signed_in(make_account("beneficiary", email="olena@example.org"))
    page = f"/declarations/{declaration.reference}/"
    assert "Send a document" not in beneficiary.get(page).content.decode()
    upload = SimpleUploadedFile("passport.pdf", image_bytes("PDF"), "application/pdf")
    response = beneficiary.post(
        f"{page}evidence/", {"kind": "identity", "file": upload}, follow=True
    )
    assert "You may not do this." in response.content.decode()
    assert not DeclarationEvidence.objects.exists() and _stored_files(settings) == []
