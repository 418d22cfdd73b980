"""A reminder of a date is sent up to and including that day, never after it (a queue that
fell behind must not tell someone in December of a September deadline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail

from lifeline.notifications import services
from lifeline.notifications.enums import DeliveryStatus
from lifeline.notifications.models import Notification

pytestmark = pytest.mark.django_db
DUE_ON = dt.date(2026, 9, 16)


def _reminder(key: str, send_until: dt.date | None = DUE_ON) -> Notification:
    return services.queue_notification(
        key=key,
        channel="email",
        subject="Reminder: evidence is due on 2026-09-16",
        body="Reminder",
        address="a@example.org",
        send_until=send_until,
    )


@pytest.mark.parametrize(
    ("delivered_on", "sent"),
    [("2026-09-15", True), ("2026-09-16", True), ("2026-09-17", False), ("2026-12-07", False)],
)
def test_a_reminder_goes_out_until_its_day_and_not_after(delivered_on: str, sent: bool) -> None:
    with time_machine.travel(dt.datetime(2026, 9, 9, 12, tzinfo=dt.UTC), tick=False):
        reminder = _reminder("evidence_request:1:reminder:1:email")
    with time_machine.travel(dt.datetime.fromisoformat(f"{delivered_on}T23:00:00+00:00")):
        assert services.deliver_notification(notification_id=reminder.pk) is sent
    reminder.refresh_from_db()
    assert len(mail.outbox) == (1 if sent else 0)
    assert reminder.status == (DeliveryStatus.SENT if sent else DeliveryStatus.EXPIRED)


def test_the_hourly_sweep_drops_a_stale_reminder_and_sends_the_rest(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with time_machine.travel(dt.datetime(2026, 9, 9, 12, tzinfo=dt.UTC), tick=False):
        stale = _reminder("old:email")
        other = _reminder("notice:9:email", send_until=None)
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        assert services.deliver_pending_notifications() == 1
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {stale.pk: DeliveryStatus.EXPIRED, other.pk: DeliveryStatus.SENT}
    assert [message.subject for message in mail.outbox] == [other.subject]
