"""Uploaded files: size limit, type by content, virus scan, image re-encoding, private storage.

The slow steps (scan, decoding) run outside any transaction on a copy in the quarantine folder;
only a file that passed them reaches its folder, and the caller records it in a short one.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import socket
import struct
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from typing import Protocol

import magic
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from lifeline.core.errors import DomainError, UploadRejected
from lifeline.core.io_guard import ensure_no_transaction

SCAN_CLEAN = "clean"
SCAN_NOT_SCANNED = "not_scanned"

# Content type decided by the bytes -> file name endings allowed for it (first is canonical).
ALLOWED_TYPES = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
_DECLARED_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
_GENERIC_DECLARED_TYPES = {"", "application/octet-stream"}
QUARANTINE_FOLDER = "quarantine"
MAX_FILENAME_CHARS = 200
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
# PIL warns above this many pixels and refuses twice as many before decoding anything.
Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_IMAGE_PIXELS
# PDF names that run or carry something when the file is opened: JavaScript, launching a
# program, files embedded inside the PDF.
_ACTIVE_PDF_NAMES = {b"JS", b"JavaScript", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"}
_PDF_NAME = re.compile(rb"/([^\s()<>\[\]{}/%]+)")
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_INFLATE_BUDGET_BYTES = 64 * 1024 * 1024  # all streams of one PDF, inflated, at most
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


class UploadTooLarge(UploadRejected):
    code = "upload_too_large"
    http_status = 413


class ScannerUnavailable(DomainError):
    code = "scanner_unavailable"
    http_status = 503


@dataclass(frozen=True)
class ScanVerdict:
    is_clean: bool
    signature: str = ""


class VirusScanner(Protocol):
    def scan(self, data: bytes) -> ScanVerdict: ...


class ClamdScanner:
    """Asks a clamd daemon over its INSTREAM protocol, on a unix socket or host:port."""

    def __init__(
        self,
        *,
        unix_socket: str = "",
        address: str = "",
        timeout_seconds: float = 30.0,
        chunk_bytes: int = 64 * 1024,
    ) -> None:
        if bool(unix_socket) == bool(address):
            raise ValueError("Give clamd either a unix socket path or a host:port address.")
        self.unix_socket, self.address = unix_socket, address
        self.timeout_seconds, self.chunk_bytes = timeout_seconds, chunk_bytes

    def _connect(self) -> socket.socket:
        if self.unix_socket:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(self.timeout_seconds)
            connection.connect(self.unix_socket)
            return connection
        host, _, port = self.address.rpartition(":")
        return socket.create_connection((host, int(port)), timeout=self.timeout_seconds)

    def scan(self, data: bytes) -> ScanVerdict:
        try:
            with self._connect() as connection:
                connection.sendall(b"zINSTREAM\0")
                for start in range(0, len(data), self.chunk_bytes):
                    piece = data[start : start + self.chunk_bytes]
                    connection.sendall(struct.pack("!I", len(piece)) + piece)
                connection.sendall(struct.pack("!I", 0))
                reply = b""
                while not reply.endswith(b"\0") and (chunk := connection.recv(4096)):
                    reply += chunk
        except (OSError, ValueError) as error:
            raise ScannerUnavailable(
                "The virus scanner cannot be reached, so the file was not accepted. "
                "Try again in a few minutes."
            ) from error
        answer = reply.rstrip(b"\0").decode(errors="replace").removeprefix("stream: ")
        if answer == "OK":
            return ScanVerdict(is_clean=True)
        if answer.endswith(" FOUND"):
            return ScanVerdict(is_clean=False, signature=answer.removesuffix(" FOUND"))
        raise ScannerUnavailable(f"The virus scanner could not check the file ({answer[:100]}).")


def configured_scanner() -> VirusScanner | None:
    """The clamd scanner named by LIFELINE_CLAMD_SOCKET or LIFELINE_CLAMD_ADDRESS, if any."""
    unix_socket = os.environ.get("LIFELINE_CLAMD_SOCKET", "")
    address = os.environ.get("LIFELINE_CLAMD_ADDRESS", "")
    if not (unix_socket or address):
        return None
    return ClamdScanner(unix_socket=unix_socket, address="" if unix_socket else address)


def clean_text(value: str, *, limit: int) -> str:
    text = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    return text.strip()[:limit]


def safe_filename(value: str, *, limit: int = MAX_FILENAME_CHARS) -> str:
    """The base name without control characters, shortened to `limit` keeping its extension."""
    name = clean_text(os.path.basename(value), limit=10_000)
    if len(name) <= limit:
        return name
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:
        extension = ""
    return stem[: limit - len(extension)].rstrip() + extension


def max_image_pixels() -> int:
    return int(getattr(settings, "LIFELINE_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def _too_many_pixels(width: int | None = None, height: int | None = None) -> UploadRejected:
    limit = max_image_pixels()
    size = _("%(width)s by %(height)s pixels") % {"width": width, "height": height}
    return UploadRejected(
        _(
            "The picture is too large (%(size)s); at most %(megapixels)s megapixels are "
            "accepted. Send a smaller photo or scan."
        )
        % {
            "size": size if width and height else _("too many pixels"),
            "megapixels": limit // 1_000_000,
        },
        details={"max_pixels": limit, "width": width, "height": height},
    )


def check_image_size(data: bytes, content_type: str) -> None:
    """Refuse decompression bombs from the header alone, before anything is decoded."""
    if content_type == "application/pdf":
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked below
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (OSError, ValueError, SyntaxError) as error:
        raise UploadRejected(_("The picture could not be read; it may be damaged.")) from error
    if width * height > max_image_pixels():
        raise _too_many_pixels(width, height)


def _pdf_names(data: bytes) -> set[bytes]:
    """Every name in the PDF, with #xx escapes undone, including inside compressed streams."""
    chunks, budget = [data], _PDF_INFLATE_BUDGET_BYTES
    for match in _PDF_STREAM.finditer(data):
        if budget <= 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        chunks.append(inflated)
        budget -= len(inflated)
    return {
        _PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
        for chunk in chunks
        for name in _PDF_NAME.findall(chunk)
    }


def check_pdf_is_passive(data: bytes) -> None:
    """Refuse a PDF that runs JavaScript, launches programs or carries embedded files."""
    found = sorted(name.decode("latin-1") for name in _pdf_names(data) & _ACTIVE_PDF_NAMES)
    if found:
        raise UploadRejected(
            _(
                "The PDF contains scripts, actions or embedded files (%(found)s), which are not "
                "accepted. Print it to a new PDF or scan the paper document, and send that."
            )
            % {"found": ", ".join("/" + name for name in found)},
            details={"active_content": found},
        )


def _read(upload: UploadedFile[bytes]) -> bytes:
    limit = settings.LIFELINE_MAX_UPLOAD_BYTES
    too_large = UploadTooLarge(
        f"The file is larger than the {limit // (1024 * 1024) or limit} "
        f"{'MB' if limit >= 1024 * 1024 else 'bytes'} allowed; send a smaller scan or photo.",
        details={"max_bytes": limit},
    )
    if (upload.size or 0) > limit:
        raise too_large
    upload.seek(0)
    data: bytes = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise UploadRejected("The file is empty.")
    return data


def _sniff(data: bytes, *, filename: str, declared_type: str) -> str:
    """The content type decided by the bytes; refuses other types and mislabelled files."""
    content_type = magic.from_buffer(data, mime=True)
    if content_type not in ALLOWED_TYPES:
        raise UploadRejected(
            f"Files of type {content_type} are not accepted; send a PDF, JPEG or PNG file.",
            details={"detected_type": content_type},
        )
    extension = os.path.splitext(filename)[1].lower()
    declared = _DECLARED_ALIASES.get(declared_type, declared_type)
    if extension not in ALLOWED_TYPES[content_type] or declared not in {
        content_type,
        *_GENERIC_DECLARED_TYPES,
    }:
        raise UploadRejected(
            f"The file {filename!r} is labelled as {extension or 'no type'} "
            f"({declared_type or 'no declared type'}) but its content is {content_type}. "
            "Rename it or send the right file.",
            details={
                "detected_type": content_type,
                "declared_type": declared_type,
                "filename": filename,
            },
        )
    return content_type


def _reencode_image(data: bytes, content_type: str) -> bytes:
    """Decode and save the picture again: drops metadata (EXIF, GPS) and trailing payloads."""
    ensure_no_transaction(operation="image decoding")
    image_format = "PNG" if content_type == "image/png" else "JPEG"
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > max_image_pixels():
                raise _too_many_pixels(opened.width, opened.height)
            if opened.format != image_format:
                raise UploadRejected(_("The picture is not what its content says."))
            image = ImageOps.exif_transpose(opened)
            if image_format == "JPEG" and image.mode not in {"RGB", "L", "CMYK"}:
                image = image.convert("RGB")
            output = io.BytesIO()
            image.save(
                output,
                format=image_format,
                **({"quality": 90} if image_format == "JPEG" else {"optimize": True}),
            )
    except UploadRejected:
        raise
    except Image.DecompressionBombError as error:
        raise _too_many_pixels() from error
    except (OSError, ValueError, SyntaxError) as error:
        raise UploadRejected(_("The picture could not be read; it may be damaged.")) from error
    return output.getvalue()


def scan(scanner: VirusScanner, data: bytes) -> ScanVerdict:
    """Ask the scanner about `data`; never inside a transaction (clamd can take seconds)."""
    ensure_no_transaction(operation="virus scan")
    return scanner.scan(data)


@dataclass(frozen=True)
class StoredUpload:
    """A file that passed every check and is kept under a random name."""

    original_filename: str
    content_type: str
    size_bytes: int
    sha256: str
    storage_name: str
    scan_status: str


def store_upload(
    *, upload: UploadedFile[bytes], folder: str, scanner: VirusScanner | None = None
) -> StoredUpload:
    """Check, scan, clean and store one uploaded file; nothing is stored if it is refused.

    Runs outside any transaction: the raw bytes wait in the quarantine folder while they are
    scanned and decoded, and only the cleaned file is saved under `folder`.
    """
    ensure_no_transaction(operation="virus scan")
    filename = safe_filename(upload.name or "")
    data = _read(upload)
    content_type = _sniff(data, filename=filename, declared_type=upload.content_type or "")
    if content_type == "application/pdf":
        check_pdf_is_passive(data)
    else:
        check_image_size(data, content_type)
    quarantined = default_storage.save(
        f"{QUARANTINE_FOLDER}/{secrets.token_hex(16)}.upload", ContentFile(data)
    )
    try:
        scanner = scanner or configured_scanner()
        scan_status = SCAN_NOT_SCANNED
        if scanner is not None:
            verdict = scan(scanner, data)
            if not verdict.is_clean:
                raise UploadRejected(
                    _("The file contains a virus and was not accepted."),
                    details={"signature": verdict.signature},
                )
            scan_status = SCAN_CLEAN
        if content_type != "application/pdf":
            data = _reencode_image(data, content_type)
        storage_name = default_storage.save(
            f"{folder}/{secrets.token_hex(16)}{ALLOWED_TYPES[content_type][0]}", ContentFile(data)
        )
    finally:
        default_storage.delete(quarantined)
    return StoredUpload(
        original_filename=filename,
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_name=storage_name,
        scan_status=scan_status,
    )


def discard_upload(stored: StoredUpload) -> None:
    """Delete a stored file that no row will point to (its create failed or was a replay)."""
    default_storage.delete(stored.storage_name)
