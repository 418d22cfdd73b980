"""Background tasks for notifications: deliver one, or sweep everything still pending."""

from __future__ import annotations

from django.tasks import task

from lifeline.notifications import services


@task
def deliver_notification_task(notification_id: int) -> bool:
    return services.deliver_notification(notification_id=notification_id)


@task
def deliver_pending_notifications_task() -> int:
    return services.deliver_pending_notifications()
