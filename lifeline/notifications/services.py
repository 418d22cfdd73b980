"""Queue notifications and deliver each one at most once, under a row lock."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from lifeline.core import clock
from lifeline.core.errors import DomainError, NotFound, ValidationFailed
from lifeline.core.jobs import Job, enqueue_later_on_commit, enqueue_on_commit
from lifeline.core.retrying import retry_transient
from lifeline.notifications import channels
from lifeline.notifications.enums import Channel, DeliveryStatus
from lifeline.notifications.models import Notification

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10  # the quick retries below, then the hourly sweep for the rest
RETRY_MINUTES = (1, 2, 4, 8)  # after the 1st, 2nd, 3rd and 4th failed send; then the sweep
CLAIM_SECONDS = 120  # longer than any send may take (SMTP timeout, provider call)


class DeliveryFailed(DomainError):
    code = "delivery_failed"
    http_status = 502


@transaction.atomic
def queue_notification(
    *,
    key: str,
    channel: str,
    subject: str,
    body: str,
    recipient_id: int | None = None,
    address: str = "",
    language: str = "en",
    link: str = "",
    attachment_name: str = "",
    attachment_storage_name: str = "",
    send_until: dt.date | None = None,
) -> Notification:
    """Create the notification for `key`, or return the one already queued under it; one
    with `send_until` (a reminder of a date) is never sent after that day. One withdrawn (its
    date had moved away and has come back) is queued again with this text."""
    if channel not in Channel.values:
        raise ValidationFailed(f"Unknown channel {channel!r}.", details={"channel": channel})
    if channel != Channel.PORTAL and not address:
        raise ValidationFailed(f"A {channel} notification needs an address.")
    if channel == Channel.PORTAL and recipient_id is None:
        raise ValidationFailed("A portal message needs a recipient account.")
    fields = {
        "channel": channel,
        "recipient_id": recipient_id,
        "address": address,
        "language": language,
        "subject": subject[:200],
        "body": body,
        "link": link,
        "attachment_name": attachment_name,
        "attachment_storage_name": attachment_storage_name,
        "send_until": send_until,
        "status": DeliveryStatus.SENT if channel == Channel.PORTAL else DeliveryStatus.PENDING,
        "sent_at": clock.now() if channel == Channel.PORTAL else None,
    }
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    if not created and notification.status == DeliveryStatus.WITHDRAWN:
        retry = {"attempts": 0, "claimed_until": None, "last_error": "", "next_attempt_at": None}
        for name, value in (fields | retry).items():
            setattr(notification, name, value)
        notification.save(update_fields=[*fields, *retry])
    if channel != Channel.PORTAL:
        enqueue_on_commit(Job.DELIVER_NOTIFICATION, notification.pk)
    return notification


def absolute_url(link: str) -> str:
    """A portal path as a link a mail client or phone can open: under the site's public URL."""
    if not link.startswith("/"):
        return link
    return settings.LIFELINE_PUBLIC_BASE_URL.rstrip("/") + link


@transaction.atomic
def queue_to_person(
    *,
    key: str,
    subject: str,
    body: str,
    link: str,
    language: str,
    recipient_id: int,
    email: str = "",
    phone: str = "",
    send_until: dt.date | None = None,
    sms_text: str = "",
) -> None:
    """One message to a person, once per channel: in the portal under `key`, by e-mail where
    they have an address (`key:email`) and by text message where a phone is known (`key:sms`,
    saying `sms_text`, else the subject); a reminder of a date is not sent by mail or text after
    `send_until`; those two carry the link as an absolute URL."""
    queue_notification(
        key=key,
        channel=Channel.PORTAL,
        subject=subject,
        body=body,
        recipient_id=recipient_id,
        language=language,
        link=link,
    )
    if email:
        queue_notification(
            key=f"{key}:email",
            channel=Channel.EMAIL,
            subject=subject,
            body=f"{body}\n\n{absolute_url(link)}",
            address=email,
            language=language,
            send_until=send_until,
        )
    if phone:
        queue_text_message(
            key=key,
            subject=sms_text or subject,
            link=link,
            phone=phone,
            language=language,
            send_until=send_until,
        )


def queue_text_message(
    *,
    key: str,
    subject: str,
    link: str,
    phone: str,
    language: str,
    send_until: dt.date | None = None,
) -> None:
    """One text message under `key:sms`: the subject and the link as an absolute URL (a person
    with no account is reached this way alone)."""
    queue_notification(
        key=f"{key}:sms",
        channel=Channel.SMS,
        subject=subject,
        body=f"{subject} {absolute_url(link)}",
        address=phone,
        language=language,
        send_until=send_until,
    )


def withdraw_notifications(*, keys: list[str]) -> int:
    """Withdraw the messages under `keys` that have not reached anyone: e-mail and text messages
    still waiting and not being sent, and the portal copies (stored, not shown to anyone).
    Returns how many were withdrawn."""
    waiting = Q(status=DeliveryStatus.PENDING) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=clock.now())
    )
    return (
        Notification.objects.filter(key__in=keys)
        .filter(waiting | Q(channel=Channel.PORTAL))
        .exclude(status=DeliveryStatus.WITHDRAWN)
        .update(status=DeliveryStatus.WITHDRAWN)
    )


def deliver_notification(*, notification_id: int) -> bool:
    """Send one pending notification; True if sent now, False if sent already or being sent.

    No transaction is open while the channel sends (SMTP or a provider can take seconds): a
    short one claims the row for LIFELINE_NOTIFICATION_CLAIM_SECONDS, the send runs, and
    another marks it SENT. A sender killed mid-send leaves a claim that lapses, so the next
    attempt sends it; the key travels with the message (Message-ID, SMS idempotency key).
    """
    notification = retry_transient(lambda: _claim(notification_id), what="claiming a notification")
    if notification is None:
        return False
    try:
        channels.send(notification)
    except Exception as error:
        failure = error
        retry_transient(
            lambda: _record_failure(notification_id, failure), what="recording a failed send"
        )
        raise DeliveryFailed(
            f"Notification {notification_id} could not be sent: {error}"
        ) from error
    retry_transient(lambda: _mark_sent(notification_id), what="marking a notification sent")
    return True


@transaction.atomic
def _claim(notification_id: int) -> Notification | None:
    notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
    if notification is None:
        raise NotFound(f"No notification {notification_id}.")
    now = clock.now()
    if notification.status != DeliveryStatus.PENDING or (
        notification.claimed_until is not None and notification.claimed_until > now
    ):
        return None
    if notification.send_until is not None and clock.today() > notification.send_until:
        notification.status = DeliveryStatus.EXPIRED
        notification.save(update_fields=["status"])
        logger.info("notification %s not sent: its date passed", notification.key)
        return None
    claim_seconds = getattr(settings, "LIFELINE_NOTIFICATION_CLAIM_SECONDS", CLAIM_SECONDS)
    notification.claimed_until = now + dt.timedelta(seconds=claim_seconds)
    notification.save(update_fields=["claimed_until"])
    return notification


@transaction.atomic
def _mark_sent(notification_id: int) -> None:
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    notification.status = DeliveryStatus.SENT
    notification.sent_at = clock.now()
    notification.attempts += 1
    notification.claimed_until = None
    notification.next_attempt_at = None
    notification.save(
        update_fields=["status", "sent_at", "attempts", "claimed_until", "next_attempt_at"]
    )


@transaction.atomic
def _record_failure(notification_id: int, error: Exception) -> None:
    """Count the failed send; give up after the last attempt, else set when to try again and,
    for the first few failures, queue the delivery task for that moment (1, 2, 4, 8 minutes).
    Later failures wait for the hourly sweep, which sends whatever is pending and due."""
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    notification.attempts += 1
    notification.last_error = str(error)[:300]
    notification.claimed_until = None
    notification.next_attempt_at = None
    if notification.attempts >= getattr(
        settings, "LIFELINE_NOTIFICATION_MAX_ATTEMPTS", MAX_ATTEMPTS
    ):
        notification.status = DeliveryStatus.FAILED
    elif notification.attempts <= len(retry_minutes := _retry_minutes()):
        notification.next_attempt_at = clock.now() + dt.timedelta(
            minutes=retry_minutes[notification.attempts - 1]
        )
        enqueue_later_on_commit(
            Job.DELIVER_NOTIFICATION, notification.pk, run_after=notification.next_attempt_at
        )
    notification.save(
        update_fields=["attempts", "last_error", "status", "claimed_until", "next_attempt_at"]
    )
    logger.warning(
        "notification %s failed (attempt %s): %s; next attempt %s",
        notification.key,
        notification.attempts,
        error,
        notification.next_attempt_at or "with the sweep",
    )


def _retry_minutes() -> tuple[float, ...]:
    return tuple(getattr(settings, "LIFELINE_NOTIFICATION_RETRY_MINUTES", RETRY_MINUTES))


def deliver_pending_notifications(*, limit: int = 500) -> int:
    """Send every pending notification whose retry is due (oldest first); returns how many
    were sent now. One that failed a moment ago is left to its own retry, due later."""
    sent = 0
    pending = (
        Notification.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=clock.now()))
        .order_by("id")
    )
    for notification_id in pending.values_list("id", flat=True)[:limit]:
        try:
            sent += deliver_notification(notification_id=notification_id)
        except DeliveryFailed:
            continue
    return sent
