"""Fixtures for notification tests: a real SMTP relay on loopback that can be down or up."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class Relay:
    """An SMTP server on a fixed loopback port, started and stopped at will; keeps what came."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.messages: list[Message] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def relay(settings: Any) -> Iterator[Relay]:
    """Django sends mail over SMTP to this relay's port; the relay is down until started."""
    relay = Relay()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": relay.port, "timeout": 5},
        }
    }
    try:
        yield relay
    finally:
        relay.stop()


@pytest.fixture
def smtp_inbox(relay: Relay) -> list[Message]:
    """A running relay; the messages that reach it."""
    relay.start()
    return relay.messages
