"""A send that fails is tried again after 1, 2, 4 and 8 minutes, then by the hourly sweep; every
e-mail carries a valid Message-ID of its own, derived from its idempotency key."""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from typing import Any

import pytest
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from lifeline.core import clock
from lifeline.notifications import services
from lifeline.notifications.channels import message_id_for
from lifeline.notifications.enums import DeliveryStatus
from lifeline.notifications.models import Notification
from lifeline.notifications.tests.conftest import Relay

pytestmark = pytest.mark.django_db

# RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">"
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
DOT_ATOM = rf"{ATEXT}(?:\.{ATEXT})*"
MSG_ID = re.compile(rf"<{DOT_ATOM}@{DOT_ATOM}>")
START = dt.datetime(2031, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def deferring_backend(settings: Any) -> None:
    """The database task backend (the demo's), which can run a task later (run_after)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _email(key: str) -> Notification:
    return services.queue_notification(
        key=key, channel="email", subject=f"Notice {key}", body="Body", address="a@example.org"
    )


def _queued_retries() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path="lifeline.notifications.tasks.deliver_notification_task",
            run_after__lt=dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
        ).order_by("run_after")
    )


def _run(result: DBTaskResult) -> Any:
    return import_string(result.task_path).call(*result.args_kwargs["args"])


def test_two_emails_carry_distinct_valid_message_ids_that_stay_the_same_on_a_resend(
    smtp_inbox: list[Message],
) -> None:
    first, second = _email("notice:42:email"), _email("notice:43:email")
    for notification in (first, second):
        assert services.deliver_notification(notification_id=notification.pk) is True
    Notification.objects.filter(pk=first.pk).update(status=DeliveryStatus.PENDING)
    assert services.deliver_notification(notification_id=first.pk) is True  # sent again

    ids = [message["Message-ID"] for message in smtp_inbox]
    assert ids[0] != ids[1]
    assert ids == [message_id_for(first.key), message_id_for(second.key), ids[0]]
    assert all(MSG_ID.fullmatch(message_id) for message_id in ids)
    assert ids[0].startswith("<notice.42.email.")
    assert ids[0].endswith("@lifeline.example>")


@pytest.mark.parametrize(
    ("one", "other"),
    [("notice:42:email", "notice.42.email"), ("a:b", "a::b"), ("é", "ü"), ("x", "x ")],
)
def test_keys_that_read_alike_still_get_different_message_ids(one: str, other: str) -> None:
    assert message_id_for(one) != message_id_for(other)
    assert MSG_ID.fullmatch(message_id_for(one)) and MSG_ID.fullmatch(message_id_for(other))


@pytest.mark.parametrize(
    ("failures", "next_attempt_in", "retry_queued"),
    [
        (1, dt.timedelta(minutes=1), True),
        (2, dt.timedelta(minutes=2), True),
        (3, dt.timedelta(minutes=4), True),
        (4, dt.timedelta(minutes=8), True),
        (5, None, False),  # from then on the hourly sweep tries it
    ],
)
def test_a_failed_send_is_retried_after_a_growing_wait_then_left_to_the_sweep(
    relay: Relay,
    deferring_backend: None,
    time_machine: Any,
    failures: int,
    next_attempt_in: dt.timedelta | None,
    retry_queued: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    time_machine.move_to(START, tick=False)
    notification = _email("notice:7:email")
    Notification.objects.filter(pk=notification.pk).update(attempts=failures - 1)
    DBTaskResult.objects.all().delete()

    with pytest.raises(services.DeliveryFailed), django_capture_on_commit_callbacks(execute=True):
        services.deliver_notification(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.PENDING
    assert notification.attempts == failures
    expected_at = START + next_attempt_in if next_attempt_in else None
    assert notification.next_attempt_at == expected_at
    assert [(r.run_after, r.args_kwargs["args"]) for r in _queued_retries()] == (
        [(expected_at, [notification.pk])] if retry_queued else []
    )


def test_mail_held_back_by_a_relay_outage_leaves_with_the_first_retry_and_only_once(
    relay: Relay,
    deferring_backend: None,
    time_machine: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    time_machine.move_to(START, tick=False)
    notification = _email("notice:8:email")
    with pytest.raises(services.DeliveryFailed), django_capture_on_commit_callbacks(execute=True):
        services.deliver_notification(notification_id=notification.pk)
    (retry,) = _queued_retries()
    relay.start()

    assert not DBTaskResult.objects.ready().filter(pk=retry.pk).exists()
    assert services.deliver_pending_notifications() == 0  # the sweep leaves it to its retry

    time_machine.move_to(START + dt.timedelta(minutes=1), tick=False)
    assert DBTaskResult.objects.ready().filter(pk=retry.pk).exists()
    assert _run(retry) is True
    assert _run(retry) is False  # a second run of the same task sends nothing
    assert services.deliver_pending_notifications() == 0

    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.next_attempt_at) == (
        DeliveryStatus.SENT,
        2,
        None,
    )
    assert [m["Message-ID"] for m in relay.messages] == [message_id_for(notification.key)]


def test_the_sweep_sends_what_failed_past_the_quick_retries_and_gives_up_at_the_limit(
    relay: Relay, settings: Any, time_machine: Any
) -> None:
    settings.LIFELINE_NOTIFICATION_MAX_ATTEMPTS = 7
    time_machine.move_to(START, tick=False)
    notification = _email("notice:9:email")
    Notification.objects.filter(pk=notification.pk).update(attempts=5)
    assert services.deliver_pending_notifications() == 0  # relay down: 6th attempt fails
    notification.refresh_from_db()
    assert (notification.status, notification.next_attempt_at) == (DeliveryStatus.PENDING, None)

    assert services.deliver_pending_notifications() == 0  # 7th attempt fails: the last
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.FAILED
    assert clock.now() == START
