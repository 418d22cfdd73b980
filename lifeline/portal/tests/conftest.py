"""Fixtures for portal tests: a real clamd, a real SMTP server on loopback, users, media."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from lifeline.portal.antivirus import start_clamd


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """clamd with the project's configuration and EICAR signature, for the whole run."""
    process, socket_path = start_clamd(tmp_path_factory.mktemp("clamav"))
    yield socket_path
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def scanner(clamd_socket: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uploads in this test are scanned by the real clamd (LIFELINE_CLAMD_SOCKET)."""
    monkeypatch.setenv("LIFELINE_CLAMD_SOCKET", str(clamd_socket))
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    return clamd_socket


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox(settings: Any) -> Iterator[list[Message]]:
    """A real SMTP server on 127.0.0.1; Django sends to it over SMTP. Yields what arrived."""
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        yield inbox.messages
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def fresh_state(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test: its own media folder, no rate-limit counts, no scanner unless asked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    cache.clear()
    yield
    cache.clear()
