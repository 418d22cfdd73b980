"""Uploads that would stall or harm the service: decompression bombs, active PDFs, slow scans
inside the idempotency transaction; and long file names, which are shortened, not refused."""

from __future__ import annotations

import io
import struct
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from lifeline.core.errors import UploadRejected
from lifeline.core.io_guard import open_transaction_alias
from lifeline.core.tests.api_helpers import API, error_of, image_bytes, token_client
from lifeline.core.uploads import ScanVerdict
from lifeline.intake import evidence
from lifeline.intake.evidence import add_evidence
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.tests.factories import make_request
from lifeline.portal.antivirus import EICAR
from lifeline.portal.tests.conftest import clamd_socket, scanner

__all__ = ["clamd_socket", "scanner"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    return tmp_path / "media"


def _stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


class _RecordingScanner:
    """Says clean, and notes whether a transaction was open while it was asked."""

    def __init__(self) -> None:
        self.open_transactions: list[str | None] = []

    def scan(self, data: bytes) -> ScanVerdict:
        self.open_transactions.append(open_transaction_alias())
        return ScanVerdict(is_clean=True)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height but carries one compressed row: what a bomb looks
    like before decoding (the real thing inflates to gigabytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = zlib.compress(b"\0" * (1 + 3 * width))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def _png_of(width: int, height: int) -> bytes:
    output = io.BytesIO()
    Image.new("1", (width, height)).save(output, format="PNG")
    return output.getvalue()


def _add(request: ParoleRequest, data: bytes, name: str, **arguments: Any) -> EvidenceItem:
    return add_evidence(
        actor=request.filed_by,
        request_id=request.pk,
        kind="physician_statement",
        upload=SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        **arguments,
    )


@pytest.mark.parametrize(
    ("picture", "size"),
    [
        (lambda: _png_header_only(20_000, 20_000), "too many pixels"),
        (lambda: _png_of(7_000, 7_000), "7000 by 7000 pixels"),
    ],
    ids=["20000x20000", "49-megapixels"],
)
def test_a_picture_with_too_many_pixels_is_refused_before_it_is_scanned_or_decoded(
    picture: Any, size: str, media: Path
) -> None:
    request, scanner = make_request(), _RecordingScanner()
    data = picture()
    assert len(data) < 250_000  # small on the wire
    with pytest.raises(UploadRejected, match="at most 40 megapixels") as refused:
        _add(request, data, "photo.png", scanner=scanner)
    assert size in refused.value.message and refused.value.details["max_pixels"] == 40_000_000
    assert scanner.open_transactions == []  # refused from the header: no 14-second scan
    assert not EvidenceItem.objects.exists() and _stored_files(media) == []


def test_the_pixel_limit_is_a_setting(settings: Any) -> None:
    settings.LIFELINE_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(UploadRejected, match="at most 1 megapixels"):
        _add(make_request(), _png_of(1_100, 1_000), "photo.png")
    assert _add(make_request(), _png_of(1_000, 1_000), "photo.png").content_type == "image/png"


def _pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.4\n" + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("pdf", "named"),
    [
        (
            _pdf_with(b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"),
            "/JS, /JavaScript",
        ),
        (
            _pdf_with(b"1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj"),
            "/JS, /JavaScript",
        ),
        (_pdf_with(b"1 0 obj << /AA << /O << /S /Launch /F (cmd.exe) >> >> >> endobj"), "/Launch"),
        (_pdf_with(b"1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj"), "/EmbeddedFiles"),
        (
            _pdf_with(
                b"2 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n"
                + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
                + b"\nendstream endobj"
            ),
            "/JS, /JavaScript",
        ),
    ],
    ids=["open-action-js", "escaped-names", "launch", "embedded-file", "compressed-js"],
)
def test_a_pdf_that_runs_scripts_or_carries_files_is_refused(
    pdf: bytes, named: str, media: Path
) -> None:
    with pytest.raises(UploadRejected, match="scripts, actions or embedded files") as refused:
        _add(make_request(), pdf, "form.pdf")
    assert named in refused.value.message
    assert not EvidenceItem.objects.exists() and _stored_files(media) == []


def test_a_plain_pdf_is_still_accepted() -> None:
    assert _add(make_request(), image_bytes("PDF"), "scan.pdf").content_type == "application/pdf"


def test_a_file_name_over_200_characters_is_shortened_keeping_its_extension() -> None:
    name = "é" * 120 + "x" * 130 + ".png"
    item = _add(make_request(), image_bytes("PNG"), name)
    assert len(item.original_filename) == 200
    assert item.original_filename.endswith("x.png") and item.original_filename.startswith("é")


def test_an_infected_file_leaves_no_row_and_no_file_even_in_quarantine(
    scanner: Path, media: Path
) -> None:
    with pytest.raises(UploadRejected, match="virus"):
        _add(make_request(), b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n", "eicar.pdf")
    assert not EvidenceItem.objects.exists() and _stored_files(media) == []


def _post(client: Client, request: ParoleRequest, data: bytes, key: str) -> Any:
    return client.post(
        f"{API}/requests/{request.reference}/evidence",
        {"kind": "physician_statement", "file": SimpleUploadedFile("p.png", data, "image/png")},
        headers={"Idempotency-Key": key},
    )


def test_an_api_upload_is_scanned_by_clamd_outside_any_transaction_and_replays_once(
    scanner: Path, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_during_scan: list[str | None] = []
    real_scan = evidence.store_upload.__globals__["scan"]

    def watched_scan(scanner: Any, data: bytes) -> ScanVerdict:
        open_during_scan.append(open_transaction_alias())
        return real_scan(scanner, data)

    monkeypatch.setitem(evidence.store_upload.__globals__, "scan", watched_scan)
    request = make_request()
    client, key = token_client(request.filed_by), str(uuid.uuid4())
    first = _post(client, request, image_bytes("PNG"), key)
    again = _post(client, request, image_bytes("PNG"), key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert open_during_scan == [None]  # scanned once, with no transaction holding a lock
    assert EvidenceItem.objects.count() == 1
    assert len(_stored_files(media)) == 1  # nothing left in quarantine, no second copy


def test_an_api_upload_of_a_bomb_is_a_422_with_the_reason() -> None:
    request = make_request()
    response = _post(
        token_client(request.filed_by), request, _png_header_only(20_000, 20_000), "k-1"
    )
    assert response.status_code == 422
    assert "at most 40 megapixels" in error_of(response)["message"]
