"""A person known to Lifeline, with encrypted identifiers, passports and family relationships."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lifeline.core.crypto import EncryptedTextField
from lifeline.core.models import TimeStampedModel
from lifeline.core.names import validate_name, validate_native_name
from lifeline.people.enums import RelationshipKind, Sex


class FamilyGroup(TimeStampedModel):
    """People who apply together; each member still has their own request."""

    label = models.CharField(max_length=200, blank=True)


class Person(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    given_name = models.CharField(max_length=100, validators=[validate_name])
    family_name = models.CharField(max_length=100, validators=[validate_name])
    given_name_native = models.CharField(
        max_length=200, blank=True, validators=[validate_native_name]
    )
    family_name_native = models.CharField(
        max_length=200, blank=True, validators=[validate_native_name]
    )
    other_names = models.JSONField(default=list, blank=True)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    citizenships = models.JSONField(default=list)
    permanent_resident_of = models.JSONField(default=list, blank=True)
    refugee_status_in = models.JSONField(default=list, blank=True)
    residence_history = models.JSONField(default=list, blank=True)
    current_country = models.CharField(max_length=2)
    current_location = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    ssn = EncryptedTextField(blank=True)
    ssn_hash = models.CharField(max_length=64, blank=True, db_index=True)
    a_number = EncryptedTextField(blank=True)
    a_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    bank_account = EncryptedTextField(blank=True)
    bank_account_hash = models.CharField(max_length=64, blank=True, db_index=True)
    immigration_history = models.JSONField(default=dict, blank=True)
    family_group = models.ForeignKey(
        FamilyGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    class Meta:
        indexes = [models.Index(fields=["family_name", "given_name", "birth_date"])]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Passport(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="passports")
    country = models.CharField(max_length=2)
    number = EncryptedTextField()
    number_hash = models.CharField(max_length=64, db_index=True)
    expires_on = models.DateField()


class Relationship(TimeStampedModel):
    """`person` is the `kind` of `relative` (e.g. person is the parent of relative)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "relative", "kind"], name="relationship_unique"
            )
        ]
