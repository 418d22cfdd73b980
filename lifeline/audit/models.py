"""Audit events chained per stream, each stream's head, and the person index for browsing."""

from __future__ import annotations

import json
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models

from lifeline.audit.chain import GENESIS_HASH
from lifeline.core import clock


class AuditStreamHead(models.Model):
    """The newest sequence and hash of one stream; appenders lock this row, nothing else."""

    stream = models.CharField(max_length=100, primary_key=True)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        triggers = [
            pgtrigger.Protect(name="audit_stream_head_never_deleted", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="audit_stream_head_only_moves_forward",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(new__last_sequence__lte=pgtrigger.F("old__last_sequence"))
                | pgtrigger.Q(new__stream__df=pgtrigger.F("old__stream")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stream} @ {self.last_sequence}"


class AuditEvent(models.Model):
    """One write or view, sealed with an HMAC over its fields and the previous event's hash."""

    stream = models.CharField(max_length=100)
    sequence = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor_role = models.CharField(max_length=32)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events_on_their_behalf",
    )
    action = models.CharField(max_length=100)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    case_reference = models.CharField(max_length=64, blank=True, db_index=True)
    person_ids = models.JSONField(default=list)
    # The exact canonical JSON that was hashed: jsonb would renormalise numbers (1e16 -> int).
    details_json = models.TextField(default="{}")
    previous_hash = models.CharField(max_length=64)
    # Which configured key sealed `hash` (HMAC-SHA256); empty for the SHA-256 events of before.
    key_id = models.CharField(max_length=32, blank=True, default="")
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["stream", "sequence"], name="audit_event_unique_stream_sequence"
            )
        ]
        indexes = [
            models.Index(fields=["occurred_at"], name="audit_event_occurred_at"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="audit_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.stream}#{self.sequence} {self.action}"

    @property
    def details(self) -> dict[str, Any]:
        details: dict[str, Any] = json.loads(self.details_json)
        return details


class AuditEventPerson(models.Model):
    """Which people an event concerns: an index of AuditEvent.person_ids for browsing."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="person_links")
    person_id = models.PositiveBigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person_id"], name="audit_event_person_unique")
        ]
        triggers = [
            pgtrigger.Protect(
                name="audit_event_person_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"event {self.event_id} person {self.person_id}"
