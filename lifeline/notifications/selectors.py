"""Reads for notifications: a user's portal messages."""

from __future__ import annotations

from django.db.models import QuerySet

from lifeline.notifications.enums import Channel, DeliveryStatus
from lifeline.notifications.models import Notification


def list_portal_messages_for_user(user_id: int) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient_id=user_id, channel=Channel.PORTAL)
        .exclude(status=DeliveryStatus.WITHDRAWN)
        .order_by("-created_at", "-id")
    )


def count_unread_portal_messages(user_id: int) -> int:
    return list_portal_messages_for_user(user_id).filter(read_at__isnull=True).count()

