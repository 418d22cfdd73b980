"""Delivery channels: email through Django's mail backend, SMS behind an interface, the portal."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import time
from email.utils import parseaddr
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from lifeline.core import clock
from lifeline.core.io_guard import ensure_no_transaction
from lifeline.notifications.enums import Channel
from lifeline.notifications.models import Notification


class SmsBackend(Protocol):
    """What a real SMS provider adapter implements; `key` travels as the idempotency key."""

    def send(self, *, to: str, body: str, key: str) -> None: ...


class FakeSmsBackend:
    """Appends each message to a JSON-lines outbox file (demo and tests), like a provider's log.

    Like a provider that honours idempotency keys, it accepts a key once: a sender killed after
    the provider took a message but before it recorded the send sends it again, and the
    provider drops the repeat instead of texting the person twice.
    """

    def __init__(self, outbox_path: str | Path | None = None, delay_seconds: float = 0.0) -> None:
        self.outbox_path = Path(outbox_path or settings.VAR_DIR / "sms-outbox.jsonl")
        self.delay_seconds = delay_seconds

    def send(self, *, to: str, body: str, key: str) -> None:
        if self.delay_seconds:
            time.sleep(self.delay_seconds)  # a slow provider, for tests that interrupt sending
        line = json.dumps({"to": to, "body": body, "key": key, "at": clock.now().isoformat()})
        self.outbox_path.parent.mkdir(parents=True, exist_ok=True)
        with self.outbox_path.open("a+", encoding="utf-8") as outbox:
            fcntl.flock(outbox, fcntl.LOCK_EX)
            outbox.seek(0)
            if any(json.loads(sent)["key"] == key for sent in outbox if sent.strip()):
                return
            outbox.write(line + "\n")
            outbox.flush()
            os.fsync(outbox.fileno())


def configured_sms_backend() -> SmsBackend:
    """The backend named by LIFELINE_SMS_BACKEND (dotted path), the fake one by default."""
    path = getattr(
        settings, "LIFELINE_SMS_BACKEND", "lifeline.notifications.channels.FakeSmsBackend"
    )
    delay = float(os.environ.get("LIFELINE_FAKE_SMS_DELAY_SECONDS", "0") or 0)
    backend_class = import_string(path)
    return (
        backend_class(delay_seconds=delay) if backend_class is FakeSmsBackend else backend_class()
    )


def message_id_for(key: str) -> str:
    """The Message-ID of the e-mail sent under idempotency `key`: the same for every attempt,
    different for every key. RFC 5322 allows only dot-atom text before the "@" (no colons), so
    the key's other characters become dots and a digest of the whole key keeps two keys that
    differ only in those characters apart: "notice:42:email" -> <notice.42.email.1a2b...@domain>.
    """
    readable = re.sub(r"[^A-Za-z0-9_-]+", ".", key).strip(".") or "notification"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "lifeline.invalid"
    return f"<{readable}.{digest}@{domain}>"


def send_email(notification: Notification) -> None:
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        to=[notification.address],
        headers={"Message-ID": message_id_for(notification.key)},
    )
    if notification.attachment_storage_name:
        with default_storage.open(notification.attachment_storage_name, "rb") as attachment:
            message.attach(notification.attachment_name, attachment.read(), "application/pdf")
    message.send(fail_silently=False)


def send(notification: Notification) -> None:
    """Hand one notification to its channel; the portal channel needs nothing sent.

    Never inside a transaction: mail servers and SMS providers answer in their own time.
    """
    if notification.channel != Channel.PORTAL:
        ensure_no_transaction(operation=f"{notification.channel} sending")
    if notification.channel == Channel.EMAIL:
        send_email(notification)
    elif notification.channel == Channel.SMS:
        configured_sms_backend().send(
            to=notification.address, body=notification.body, key=notification.key
        )
