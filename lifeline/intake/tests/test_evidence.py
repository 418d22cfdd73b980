"""Evidence uploads: type by content, size limit, virus scan, metadata stripped, no leftovers."""

from __future__ import annotations

import io
import socket
import struct
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import PermissionDenied, UploadRejected, ValidationFailed
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.enums import EvidenceScanStatus
from lifeline.intake.evidence import (
    ClamdScanner,
    ScannerUnavailable,
    ScanVerdict,
    UploadTooLarge,
    add_evidence,
    configured_scanner,
)
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.tests.factories import make_request, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    return tmp_path / "media"


def _stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def _upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _add(request: ParoleRequest, upload: Any, **arguments: Any) -> EvidenceItem:
    arguments.setdefault("kind", "physician_statement")
    return add_evidence(actor=request.filed_by, request_id=request.pk, upload=upload, **arguments)


class _FakeScanner:
    def __init__(self, verdict: ScanVerdict) -> None:
        self.verdict, self.scanned = verdict, b""

    def scan(self, data: bytes) -> ScanVerdict:
        self.scanned = data
        return self.verdict


def test_a_pdf_is_stored_under_a_random_name_recorded_and_audited(media: Path) -> None:
    request = make_request()
    pdf = image_bytes("PDF")
    item = _add(request, _upload(pdf, "Letter from Dr. Ivanenko.pdf"), description="letter")
    assert (item.content_type, item.original_filename) == (
        "application/pdf",
        "Letter from Dr. Ivanenko.pdf",
    )
    assert item.scan_status == EvidenceScanStatus.NOT_SCANNED
    assert item.storage_name.startswith("evidence/") and "Ivanenko" not in item.storage_name
    with default_storage.open(item.storage_name) as stored:
        assert stored.read() == pdf
    event = AuditEvent.objects.get(stream=f"request:{request.pk}")
    assert event.action == "request.evidence_added"
    assert event.details["evidence_id"] == item.pk


def test_a_jpeg_is_re_encoded_without_its_exif_metadata() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker with GPS"  # Make
    jpeg = image_bytes("JPEG", size=(16, 16), exif=exif.tobytes())
    assert b"Camera maker" in jpeg
    item = _add(make_request(), _upload(jpeg, "scan.JPG", "image/jpeg"))
    with default_storage.open(item.storage_name) as stored:
        cleaned = stored.read()
    assert b"Camera maker" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).getexif() == {}
    assert item.content_type == "image/jpeg" and item.size_bytes == len(cleaned)


def test_a_png_with_trailing_bytes_is_re_encoded_and_the_payload_dropped() -> None:
    png = image_bytes("PNG") + b"<script>payload</script>"
    item = _add(make_request(), _upload(png, "id.png", "image/png"))
    with default_storage.open(item.storage_name) as stored:
        assert b"payload" not in stored.read()


@pytest.mark.parametrize(
    ("data", "name", "content_type", "words"),
    [
        (image_bytes("PDF"), "photo.jpg", "image/jpeg", "labelled as .jpg"),
        (image_bytes("PNG"), "photo.png", "image/jpeg", "its content is image/png"),
        (image_bytes("JPEG"), "letter.pdf", "application/pdf", "its content is image/jpeg"),
        (image_bytes("PNG"), "noextension", "image/png", "labelled as no type"),
        (
            b"<html><script>alert(1)</script></html>",
            "letter.pdf",
            "application/pdf",
            "not accepted",
        ),
        (b"just some text\n", "notes.txt", "text/plain", "not accepted"),
        (b"", "empty.pdf", "application/pdf", "empty"),
    ],
)
def test_mislabelled_or_unaccepted_files_are_refused_and_nothing_is_kept(
    media: Path, data: bytes, name: str, content_type: str, words: str
) -> None:
    request = make_request()
    with pytest.raises(UploadRejected, match=words):
        _add(request, _upload(data, name, content_type))
    assert not EvidenceItem.objects.exists()
    assert _stored_files(media) == []
    assert not AuditEvent.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    media: Path, settings: Any
) -> None:
    settings.LIFELINE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadTooLarge, match="1000 bytes"):
        _add(make_request(), _upload(b"%PDF-1.4\n" + b"0" * 1000, "big.pdf"))
    assert not EvidenceItem.objects.exists() and _stored_files(media) == []


def test_an_infected_file_is_refused_and_a_clean_one_is_marked_clean(media: Path) -> None:
    request = make_request()
    infected = _FakeScanner(ScanVerdict(is_clean=False, signature="Eicar-Test-Signature"))
    with pytest.raises(UploadRejected, match="virus") as refused:
        _add(request, _upload(image_bytes("PDF"), "a.pdf"), scanner=infected)
    assert refused.value.details == {"signature": "Eicar-Test-Signature"}
    assert not EvidenceItem.objects.exists() and _stored_files(media) == []
    clean = _FakeScanner(ScanVerdict(is_clean=True))
    item = _add(request, _upload(image_bytes("PDF"), "a.pdf"), scanner=clean)
    assert item.scan_status == EvidenceScanStatus.CLEAN
    assert clean.scanned == image_bytes("PDF")


def test_only_the_filer_adds_evidence_and_not_once_the_request_is_closed() -> None:
    request = make_request()
    with pytest.raises(PermissionDenied):
        add_evidence(
            actor=make_user(UserRole.BENEFICIARY),
            request_id=request.pk,
            kind="physician_statement",
            upload=_upload(image_bytes("PDF"), "a.pdf"),
        )
    closed = make_request(status="denied")
    with pytest.raises(UploadRejected, match="no longer"):
        _add(closed, _upload(image_bytes("PDF"), "a.pdf"))
    assert not EvidenceItem.objects.exists()


def test_an_evidence_kind_outside_the_programs_list_is_refused_with_the_known_kinds() -> None:
    with pytest.raises(ValidationFailed, match="physician_statement") as refused:
        _add(make_request(), _upload(image_bytes("PDF"), "a.pdf"), kind="selfie")
    assert "other" in refused.value.details["known_kinds"]
    assert _add(make_request(), _upload(image_bytes("PDF"), "a.pdf"), kind="other").pk


def _fake_clamd(path: str, reply: bytes) -> tuple[threading.Thread, dict[str, bytes]]:
    """A one-connection clamd stand-in on a unix socket that records what it was sent."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    received: dict[str, bytes] = {}

    def serve() -> None:
        connection, _ = server.accept()
        with connection, server:
            stream = connection.makefile("rb")
            received["command"] = stream.read(len(b"zINSTREAM\0"))
            data = b""
            while size := struct.unpack("!I", stream.read(4))[0]:
                data += stream.read(size)
            received["data"] = data
            connection.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread, received


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        (b"stream: OK\0", ScanVerdict(is_clean=True)),
        (
            b"stream: Eicar-Test-Signature FOUND\0",
            ScanVerdict(is_clean=False, signature="Eicar-Test-Signature"),
        ),
    ],
)
def test_the_clamd_scanner_streams_the_file_in_chunks_and_reads_the_verdict(
    tmp_path: Path, reply: bytes, verdict: ScanVerdict
) -> None:
    path = str(tmp_path / "clamd.sock")
    thread, received = _fake_clamd(path, reply)
    data = bytes(range(256)) * 10
    assert ClamdScanner(unix_socket=path, chunk_bytes=1000).scan(data) == verdict
    thread.join(timeout=5)
    assert received == {"command": b"zINSTREAM\0", "data": data}


def test_an_unreachable_or_failing_clamd_refuses_the_upload(tmp_path: Path) -> None:
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(unix_socket=str(tmp_path / "missing.sock")).scan(b"x")
    path = str(tmp_path / "clamd.sock")
    _fake_clamd(path, b"INSTREAM size limit exceeded. ERROR\0")
    with pytest.raises(ScannerUnavailable, match="size limit"):
        ClamdScanner(unix_socket=path).scan(b"x")


def test_the_scanner_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert configured_scanner() is None
    monkeypatch.setenv("LIFELINE_CLAMD_ADDRESS", "127.0.0.1:3310")
    scanner = configured_scanner()
    assert isinstance(scanner, ClamdScanner) and scanner.address == "127.0.0.1:3310"
    monkeypatch.setenv("LIFELINE_CLAMD_SOCKET", "/run/clamav/clamd.ctl")
    scanner = configured_scanner()
    assert isinstance(scanner, ClamdScanner) and scanner.unix_socket == "/run/clamav/clamd.ctl"
