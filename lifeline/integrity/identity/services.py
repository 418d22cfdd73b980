"""Resolved identities: attach a supporter at screening, and an analyst's audited merge or split."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_draft, audit_subject, record_audit_events
from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.integrity.access import require_analyst
from lifeline.integrity.identity.arrival import snapshot_identity
from lifeline.integrity.identity.keys import person_identity_key
from lifeline.integrity.models import IdentityMembership, ResolvedIdentity
from lifeline.integrity.services import MIN_REASON_LENGTH
from lifeline.people.models import Person


def identity_label(person: Person) -> str:
    return f"{person.given_name} {person.family_name}, born {person.birth_date.isoformat()}"[:200]


@transaction.atomic
def attach_identity(person: Person) -> ResolvedIdentity:
    """The person's resolved identity: the one they already belong to; else the identity of the
    person the last full screen's snapshot matches with the trained model (spelling variants,
    day/month swaps); else one with the same folded name and birth date (people who arrived
    since that screen); else a new one (`pinned` False: the next full screen re-resolves it)."""
    membership = IdentityMembership.objects.select_related("identity").filter(person=person).first()
    if membership is not None:
        return membership.identity
    key = person_identity_key(person)
    identity = (
        snapshot_identity(person)
        or ResolvedIdentity.objects.filter(identity_key=key).order_by("pk").first()
    )
    if identity is None:
        identity = ResolvedIdentity.objects.create(label=identity_label(person), identity_key=key)
    IdentityMembership.objects.create(identity=identity, person=person)
    return identity


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationFailed(f"Give a reason of at least {MIN_REASON_LENGTH} characters.")
    return reason


@transaction.atomic
def merge_identities(
    *, actor: User, keep_id: int, merge_ids: Sequence[int], reason: str
) -> ResolvedIdentity:
    """Fold other identities into one (the same person under several spellings)."""
    require_analyst(actor)
    reason = _reason(reason)
    others = [pk for pk in dict.fromkeys(merge_ids) if pk != keep_id]
    keep = ResolvedIdentity.objects.select_for_update().filter(pk=keep_id).first()
    found = list(ResolvedIdentity.objects.select_for_update().filter(pk__in=others))
    if keep is None or len(found) != len(others) or not others:
        raise NotFound("Choose an identity to keep and at least one other existing identity.")
    moved = list(
        IdentityMembership.objects.filter(identity__in=found).values_list("person_id", flat=True)
    )
    IdentityMembership.objects.filter(identity__in=found).update(identity=keep, pinned=True)
    IdentityMembership.objects.filter(identity=keep).update(pinned=True)
    ResolvedIdentity.objects.filter(pk__in=others).delete()
    details = {"merged": others, "person_ids": moved, "reason": reason}
    audit_subject(
        keep, actor=actor, action=AuditAction.IDENTITY_MERGED, details=details, person_ids=moved
    )
    return keep


@transaction.atomic
def split_identity(
    *, actor: User, identity_id: int, person_ids: Sequence[int], reason: str
) -> ResolvedIdentity:
    """Move some people out of an identity into a new one (relatives or namesakes, not one
    person)."""
    require_analyst(actor)
    reason = _reason(reason)
    source = ResolvedIdentity.objects.select_for_update().filter(pk=identity_id).first()
    if source is None:
        raise NotFound("No such identity.")
    members = IdentityMembership.objects.filter(identity=source)
    chosen = list(members.filter(person_id__in=person_ids).select_related("person"))
    if not chosen or len(chosen) == members.count():
        raise ValidationFailed("Choose some, but not all, of the identity's people to split off.")
    target = ResolvedIdentity.objects.create(
        label=identity_label(chosen[0].person), identity_key=source.identity_key
    )
    moved = [m.person_id for m in chosen]
    IdentityMembership.objects.filter(pk__in=[m.pk for m in chosen]).update(
        identity=target, pinned=True
    )
    members.update(pinned=True)
    details = {"split_into": target.pk, "person_ids": moved, "reason": reason}
    split_off = {**details, "split_from": source.pk}
    record_audit_events(
        [
            audit_draft(
                source,
                actor=actor,
                action=AuditAction.IDENTITY_SPLIT,
                details=details,
                person_ids=moved,
            ),
            audit_draft(
                target,
                actor=actor,
                action=AuditAction.IDENTITY_SPLIT_OFF,
                details=split_off,
                person_ids=moved,
            ),
        ]
    )
    return target
