"""Notifications to deliver, each keyed so it is sent at most once, and task-worker leases."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.core import clock
from lifeline.core.models import TimeStampedModel
from lifeline.notifications.enums import Channel, DeliveryStatus


class Notification(TimeStampedModel):
    """One message on one channel; `key` (e.g. "notice:42:email") makes queuing idempotent."""

    key = models.CharField(max_length=120, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(max_length=254, blank=True, help_text="Email or phone number.")
    language = models.CharField(max_length=10, default="en")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_storage_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(
        null=True, blank=True, help_text="A sender is sending it until then; others leave it."
    )
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a failed send: not sent again before then."
    )
    send_until = models.DateField(
        null=True, blank=True, help_text="A reminder of a date: not sent after that day."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "channel"]),
            models.Index(fields=["recipient", "channel", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.key


class WorkerLease(models.Model):
    """A running task worker's heartbeat; a task held by a worker whose lease lapsed runs again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=clock.now)
    heartbeat_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """A scheduled task queued for one period (an hour or a day); the unique pair lets only the
    first worker to notice the period queue it."""

    task_path = models.CharField(max_length=200)
    period_key = models.CharField(max_length=20, help_text="e.g. 2026-11-28 or 2026-11-28T13")
    queued_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task_path", "period_key"], name="one_scheduled_run_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_path} for {self.period_key}"
