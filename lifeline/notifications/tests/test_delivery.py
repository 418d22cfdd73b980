"""Notifications: queued once per key, delivered once, failures recorded, portal messages read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from lifeline.core.errors import ValidationFailed
from lifeline.notifications import services
from lifeline.notifications.channels import FakeSmsBackend, message_id_for
from lifeline.notifications.enums import DeliveryStatus
from lifeline.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(tmp_path: Path, settings: Any) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / "sms-outbox.jsonl"


def test_an_email_is_queued_once_per_key_and_sent_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.queue_notification(
                key="notice:1:email",
                channel="email",
                subject="Notice",
                body="Your notice",
                address="a@example.org",
            )
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id_for("notice:1:email")
    notification = Notification.objects.get()
    assert notification.status == DeliveryStatus.SENT
    assert services.deliver_notification(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_an_sms_goes_through_the_sms_backend_with_its_key(outbox: Path) -> None:
    notification = services.queue_notification(
        key="r:1:sms",
        channel="sms",
        subject="Reminder",
        body="Evidence due",
        address="+15555550100",
    )
    assert services.deliver_notification(notification_id=notification.pk) is True
    lines = [json.loads(line) for line in outbox.read_text().splitlines()]
    assert lines == [{**lines[0], "to": "+15555550100", "key": "r:1:sms"}]


def test_the_fake_provider_takes_each_idempotency_key_once(outbox: Path) -> None:
    provider = FakeSmsBackend(outbox)
    provider.send(to="+15555550100", body="Evidence due", key="r:1:sms")
    provider.send(to="+15555550100", body="Evidence due", key="r:1:sms")  # a resend after a crash
    provider.send(to="+15555550100", body="Evidence due", key="r:2:sms")
    keys = [json.loads(line)["key"] for line in outbox.read_text().splitlines()]
    assert keys == ["r:1:sms", "r:2:sms"]


def test_a_failed_send_is_recorded_and_retried_until_it_gives_up(settings: Any) -> None:
    settings.LIFELINE_SMS_BACKEND = "lifeline.notifications.tests.test_delivery.BrokenSms"
    settings.LIFELINE_NOTIFICATION_MAX_ATTEMPTS = 2
    notification = services.queue_notification(
        key="x", channel="sms", subject="s", body="b", address="+15555550100"
    )
    for _ in range(2):
        with pytest.raises(services.DeliveryFailed):
            services.deliver_notification(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (DeliveryStatus.FAILED, 2)
    assert "provider down" in notification.last_error
    assert services.deliver_pending_notifications() == 0


class BrokenSms:
    def __init__(self, **_: Any) -> None:
        pass

    def send(self, *, to: str, body: str, key: str) -> None:
        raise ConnectionError("provider down")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"channel": "fax", "address": "1"}, "Unknown channel"),
        ({"channel": "email"}, "needs an address"),
        ({"channel": "portal"}, "recipient"),
    ],
)
def test_a_notification_without_what_its_channel_needs_is_refused(arguments, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed, match=message):
        services.queue_notification(key="k", subject="s", body="b", **arguments)
