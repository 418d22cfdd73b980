"""What the portal keeps of its own: a person's unfinished step-by-step form."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.core import clock
from lifeline.core.crypto import EncryptedTextField


class WizardDraft(models.Model):
    """The answers so far of one step-by-step form, kept across sign-outs until sent or dropped.

    The answers are JSON, encrypted at rest: they hold names, passport numbers and SSNs."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    answers_json = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="portal_one_draft_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.key} of user {self.owner_id}"
