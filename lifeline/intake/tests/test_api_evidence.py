"""Evidence uploads over the API: multipart, idempotent, and refused with 4xx when wrong."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lifeline.accounts.models import User
from lifeline.core.tests.api_helpers import API, error_of, image_bytes, token_client
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.tests.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    return tmp_path / "media"


def _upload(
    client: Client,
    request: ParoleRequest,
    data: bytes,
    name: str,
    *,
    content_type: str = "application/octet-stream",
    key: str | None = None,
    **fields: str,
) -> Any:
    fields.setdefault("kind", "physician_statement")
    return client.post(
        f"{API}/requests/{request.reference}/evidence",
        {**fields, "file": SimpleUploadedFile(name, data, content_type=content_type)},
        headers={"Idempotency-Key": key or str(uuid.uuid4())},
    )


def _owner(request: ParoleRequest) -> Client:
    filed_by: User = request.filed_by
    return token_client(filed_by)


def _stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_an_upload_is_stored_and_listed_for_the_request() -> None:
    request = make_request()
    client = _owner(request)
    response = _upload(
        client,
        request,
        image_bytes("PNG"),
        "passport.png",
        content_type="image/png",
        description="Bio page",
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["content_type"], item["scan_status"], item["description"]) == (
        "image/png",
        "not_scanned",
        "Bio page",
    )
    listed = client.get(f"{API}/requests/{request.reference}/evidence").json()
    assert [entry["id"] for entry in listed["items"]] == [item["id"]]


def test_a_retried_upload_with_the_same_key_keeps_one_file_and_a_new_file_is_a_409(
    media: Path,
) -> None:
    request = make_request()
    client = _owner(request)
    first = _upload(client, request, image_bytes("PDF"), "a.pdf", key="upload-1")
    again = _upload(client, request, image_bytes("PDF"), "a.pdf", key="upload-1")
    assert (again.status_code, again.json()) == (201, first.json())
    other = _upload(client, request, image_bytes("PNG"), "b.png", key="upload-1")
    assert other.status_code == 409 and error_of(other)["code"] == "idempotency_key_reused"
    assert EvidenceItem.objects.count() == 1 and len(_stored(media)) == 1


def test_an_oversized_upload_is_a_413_and_nothing_is_kept(media: Path, settings: Any) -> None:
    settings.LIFELINE_MAX_UPLOAD_BYTES = 2000
    request = make_request()
    response = _upload(_owner(request), request, image_bytes("PNG") + bytes(3000), "big.png")
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "upload_too_large" and error["details"] == {"max_bytes": 2000}
    assert not EvidenceItem.objects.exists() and _stored(media) == []


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (image_bytes("PDF"), "photo.jpg", "its content is application/pdf"),
        (b"MZ\x90\x00 windows program", "form.pdf", "not accepted"),
    ],
)
def test_a_mislabelled_or_unaccepted_upload_is_a_422_and_nothing_is_kept(
    media: Path, data: bytes, name: str, words: str
) -> None:
    request = make_request()
    response = _upload(_owner(request), request, data, name)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "upload_rejected" and words in error["message"]
    assert not EvidenceItem.objects.exists() and _stored(media) == []


def test_a_missing_file_or_a_malformed_kind_is_a_422_naming_the_field() -> None:
    request = make_request()
    client = _owner(request)
    no_file = client.post(
        f"{API}/requests/{request.reference}/evidence",
        {"kind": "physician_statement"},
        headers={"Idempotency-Key": "k"},
    )
    assert no_file.status_code == 422
    assert "file" in error_of(no_file)["message"]
    bad_kind = _upload(client, request, image_bytes("PDF"), "a.pdf", kind="Not A Kind!")
    assert bad_kind.status_code == 422 and "kind" in error_of(bad_kind)["message"]
    assert not EvidenceItem.objects.exists()
