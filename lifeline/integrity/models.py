"""The flag store: flags on forms, rings, resolved identities and the keyed-hash screening index."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.audit.subjects import AuditTarget
from lifeline.core import clock
from lifeline.core.models import TimeStampedModel
from lifeline.intake.models import ParoleRequest
from lifeline.people.models import Person
from lifeline.supporters.models import SupporterDeclaration


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class Ring(TimeStampedModel):
    """Flagged forms joined by shared values; `evidence` lists the signals (rule, value, forms)."""

    score = models.FloatField()
    evidence = models.JSONField(default=list)
    policy_version = models.CharField(max_length=60)
    is_current = models.BooleanField(default=True, db_index=True)
    size = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Ring {self.pk} ({self.size} forms, score {self.score:.2f})"


class RingMember(models.Model):
    """One form of a ring: a supporter declaration, or a request filed without one."""

    ring = models.ForeignKey(Ring, on_delete=models.CASCADE, related_name="members")
    declaration = models.ForeignKey(
        SupporterDeclaration, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(
        ParoleRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rule_codes = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"ring {self.ring_id}: declaration {self.declaration_id} request {self.request_id}"


class IntegrityFlag(TimeStampedModel):
    """One rule firing on one subject (a form, a request or a person). Flags inform, never deny."""

    rule_code = models.CharField(max_length=40, db_index=True)
    subject_key = models.CharField(max_length=40, help_text="declaration:<id>, request:<id>...")
    declaration = models.ForeignKey(
        SupporterDeclaration,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="integrity_flags",
    )
    request = models.ForeignKey(
        ParoleRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="integrity_flags",
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="integrity_flags"
    )
    program = models.CharField(max_length=40, db_index=True)
    ring = models.ForeignKey(
        Ring, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    score = models.FloatField()
    evidence = models.JSONField(default=dict)
    version = models.CharField(max_length=80, help_text="Model and policy versions used.")
    status = models.CharField(max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule_code", "subject_key"],
                condition=models.Q(status="open"),
                name="one_open_flag_per_rule_and_subject",
            )
        ]
        indexes = [models.Index(fields=["status", "-score"])]

    def __str__(self) -> str:
        return f"{self.rule_code} on {self.subject_key} ({self.status})"

    def audit_target(self) -> AuditTarget:
        return AuditTarget(
            stream=f"integrity:{self.pk}",
            subject_type="integrity_flag",
            subject_id=self.pk,
            person_ids=[self.person_id] if self.person_id else (),
        )


class ResolvedIdentity(TimeStampedModel):
    """One real person behind one or more Person rows (supporters file a new row per form)."""

    label = models.CharField(max_length=200)
    identity_key = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of folded name and birth date."
    )

    def __str__(self) -> str:
        return self.label

    def audit_target(self) -> AuditTarget:
        """The people an event concerns are in its details (members move in and out)."""
        return AuditTarget(
            stream=f"identity:{self.pk}", subject_type="resolved_identity", subject_id=self.pk
        )


class IdentityMembership(models.Model):
    """A Person row's place in a resolved identity; `pinned` when an analyst merged or split it."""

    identity = models.ForeignKey(
        ResolvedIdentity, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="integrity_membership"
    )
    pinned = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return f"person {self.person_id} in identity {self.identity_id}"


class ScreeningKey(models.Model):
    """A keyed hash of one normalised identifier on one form, for indexed degree counts."""

    form_key = models.CharField(max_length=40, help_text="declaration:<id> or request:<id>")
    declaration = models.ForeignKey(
        SupporterDeclaration, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(
        ParoleRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, help_text="phone, ssn... or narrative_band")
    value_hash = models.CharField(max_length=64)
    label = models.CharField(max_length=120, help_text="What an analyst sees (masked).")
    household = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form_key", "kind", "value_hash"], name="one_screening_key_per_form_value"
            )
        ]
        indexes = [models.Index(fields=["kind", "value_hash"])]

    def __str__(self) -> str:
        return f"{self.kind} on {self.form_key}"


class NarrativeSignature(models.Model):
    """A request narrative's MinHash signature (64 unsigned 64-bit values), read to confirm that
    a narrative sharing an LSH band (a `narrative_band` screening key) is nearly the same."""

    request = models.OneToOneField(
        ParoleRequest, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    signature = models.BinaryField()

    def __str__(self) -> str:
        return f"narrative signature of request {self.request_id}"


class IdentitySnapshot(models.Model):
    """The encrypted identity-index snapshot the last full screen wrote; the arriving-form
    screen reads the file only when its digest matches, so a stale or foreign file is ignored."""

    path = models.CharField(max_length=500)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the encrypted file.")
    people = models.PositiveIntegerField()
    written_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return f"identity snapshot of {self.people} people at {self.written_at:%Y-%m-%d %H:%M}"
