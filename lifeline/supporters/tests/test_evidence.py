"""Declaration evidence: only the supporter adds it, refused files leave nothing, audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import PermissionDenied, UploadRejected, ValidationFailed
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.core.uploads import ScanVerdict, UploadTooLarge
from lifeline.intake.tests.factories import make_user
from lifeline.supporters.enums import DeclarationEvidenceScanStatus
from lifeline.supporters.evidence import add_declaration_evidence
from lifeline.supporters.models import DeclarationEvidence, SupporterDeclaration
from lifeline.supporters.services import withdraw_declaration
from lifeline.supporters.tests.test_services import _declare

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    return tmp_path / "media"


@pytest.fixture
def declaration() -> SupporterDeclaration:
    return _declare(make_user(UserRole.SUPPORTER))


def _stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def _upload(data: bytes, name: str, content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _add(declaration: SupporterDeclaration, upload: Any, **arguments: Any) -> DeclarationEvidence:
    arguments.setdefault("actor", declaration.supporter_user)
    arguments.setdefault("kind", "status")
    return add_declaration_evidence(reference=declaration.reference, upload=upload, **arguments)


class _CleanScanner:
    def scan(self, data: bytes) -> ScanVerdict:
        return ScanVerdict(is_clean=True)


def test_a_clean_pdf_is_stored_under_a_random_name_and_audited(
    media: Path, declaration: SupporterDeclaration
) -> None:
    pdf = image_bytes("PDF")
    item = _add(declaration, _upload(pdf, "Green card Hughes.pdf"), scanner=_CleanScanner())
    assert (item.kind, item.content_type, item.original_filename) == (
        "status",
        "application/pdf",
        "Green card Hughes.pdf",
    )
    assert item.scan_status == DeclarationEvidenceScanStatus.CLEAN
    assert item.storage_name.startswith("declaration-evidence/")
    assert "Hughes" not in item.storage_name
    with default_storage.open(item.storage_name) as stored:
        assert stored.read() == pdf
    event = AuditEvent.objects.get(action="declaration.evidence_added")
    assert event.stream == f"declaration:{declaration.pk}"
    assert event.details["evidence_id"] == item.pk and event.details["kind"] == "status"


@pytest.mark.parametrize("actor_role", [UserRole.SUPPORTER, UserRole.BENEFICIARY, UserRole.OFFICER])
def test_only_the_declarations_supporter_may_add_evidence(
    media: Path, declaration: SupporterDeclaration, actor_role: UserRole
) -> None:
    with pytest.raises(PermissionDenied):
        _add(declaration, _upload(image_bytes("PDF"), "a.pdf"), actor=make_user(actor_role))
    assert not DeclarationEvidence.objects.exists() and _stored_files(media) == []


def test_no_evidence_is_added_once_the_declaration_is_withdrawn(
    media: Path, declaration: SupporterDeclaration
) -> None:
    withdraw_declaration(actor=declaration.supporter_user, reference=declaration.reference)
    with pytest.raises(UploadRejected, match="withdrawn"):
        _add(declaration, _upload(image_bytes("PDF"), "a.pdf"))
    assert not DeclarationEvidence.objects.exists() and _stored_files(media) == []


@pytest.mark.parametrize(
    ("data", "name", "content_type", "error", "words"),
    [
        (image_bytes("PDF"), "passport.jpg", "image/jpeg", UploadRejected, "labelled as .jpg"),
        (b"just some text\n", "i94.txt", "text/plain", UploadRejected, "not accepted"),
        (b"%PDF-1.4\n" + b"0" * 5000, "big.pdf", "application/pdf", UploadTooLarge, "5000"),
    ],
)
def test_mislabelled_or_oversized_files_are_refused_and_nothing_is_stored(
    media: Path,
    settings: Any,
    declaration: SupporterDeclaration,
    data: bytes,
    name: str,
    content_type: str,
    error: type,
    words: str,
) -> None:
    settings.LIFELINE_MAX_UPLOAD_BYTES = 5000
    with pytest.raises(error, match=words):
        _add(declaration, _upload(data, name, content_type))
    assert not DeclarationEvidence.objects.exists() and _stored_files(media) == []
    assert not AuditEvent.objects.filter(action="declaration.evidence_added").exists()


def test_an_unknown_evidence_kind_is_refused_with_the_known_kinds(
    declaration: SupporterDeclaration,
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _add(declaration, _upload(image_bytes("PDF"), "a.pdf"), kind="bank")
    assert refused.value.details["known_kinds"] == ["status", "income", "identity"]
