"""Writes on flags: raise or refresh them idempotently, and an analyst's confirm or dismiss."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import AuditEventDraft, audit_draft, record_audit_events
from lifeline.core import clock
from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.integrity.access import require_analyst
from lifeline.integrity.models import FlagStatus, IntegrityFlag

_REFRESHED_FIELDS = ["score", "evidence", "version", "ring", "program", "updated_at"]
_ALL_OPEN_ABOVE = 500  # more subjects than this: read every open flag of the rules at once
MIN_REASON_LENGTH = 10


@dataclass(frozen=True)
class FlagDraft:
    """A flag the screen wants to exist: one rule on one subject, with its evidence."""

    rule_code: str
    subject_key: str
    program: str
    score: float
    version: str
    evidence: dict[str, Any] = field(default_factory=dict)
    declaration_id: int | None = None
    request_id: int | None = None
    person_id: int | None = None
    ring_id: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule_code, self.subject_key)


def _strongest(drafts: Sequence[FlagDraft]) -> dict[tuple[str, str], FlagDraft]:
    best: dict[tuple[str, str], FlagDraft] = {}
    for draft in drafts:
        if draft.key not in best or draft.score > best[draft.key].score:
            best[draft.key] = draft
    return best


def _build(draft: FlagDraft) -> IntegrityFlag:
    return IntegrityFlag(
        rule_code=draft.rule_code,
        subject_key=draft.subject_key,
        program=draft.program,
        score=draft.score,
        version=draft.version,
        evidence=draft.evidence,
        declaration_id=draft.declaration_id,
        request_id=draft.request_id,
        person_id=draft.person_id,
        ring_id=draft.ring_id,
    )


@transaction.atomic
def raise_flags(drafts: Sequence[FlagDraft]) -> int:
    """Create missing open flags and refresh the evidence of existing ones; returns how many
    were created. Running it twice creates nothing twice. A subject whose flag an analyst
    decided gets a new one only when the new score is higher (new evidence)."""
    wanted = _strongest(drafts)
    if not wanted:
        return 0
    codes = {code for code, _ in wanted}
    subjects = {subject for _, subject in wanted}
    flags = IntegrityFlag.objects.filter(rule_code__in=codes)
    if len(subjects) <= _ALL_OPEN_ABOVE:
        flags = flags.filter(subject_key__in=subjects)
    open_flags = {(f.rule_code, f.subject_key): f for f in flags.filter(status=FlagStatus.OPEN)}
    decided = {
        (row["rule_code"], row["subject_key"]): row["top"]
        for row in flags.exclude(status=FlagStatus.OPEN)
        .values("rule_code", "subject_key")
        .annotate(top=Max("score"))
    }
    created, refreshed = [], []
    for key, draft in wanted.items():
        flag = open_flags.get(key)
        if flag is None:
            if decided.get(key, -1.0) < draft.score:
                created.append(_build(draft))
            continue
        new = (draft.score, draft.evidence, draft.version, draft.ring_id, draft.program)
        if (flag.score, flag.evidence, flag.version, flag.ring_id, flag.program) != new:
            flag.score, flag.evidence, flag.version, flag.ring_id, flag.program = new
            flag.updated_at = clock.now()
            refreshed.append(flag)
    IntegrityFlag.objects.bulk_update(refreshed, _REFRESHED_FIELDS, batch_size=500)
    try:
        with transaction.atomic():
            IntegrityFlag.objects.bulk_create(created, batch_size=500)
    except IntegrityError:  # another worker raised the same flag meanwhile: keep theirs
        created = [
            flag
            for flag in created
            if not IntegrityFlag.objects.filter(
                rule_code=flag.rule_code, subject_key=flag.subject_key, status=FlagStatus.OPEN
            ).exists()
        ]
        IntegrityFlag.objects.bulk_create(created)
    if created or refreshed:
        record_audit_events([_screening_event(created, len(refreshed))])
    return len(created)


def _screening_event(created: list[IntegrityFlag], refreshed: int) -> AuditEventDraft:
    by_rule: dict[str, int] = {}
    for flag in created:
        by_rule[flag.rule_code] = by_rule.get(flag.rule_code, 0) + 1
    return AuditEventDraft(
        actor=None,
        action=AuditAction.INTEGRITY_FLAGS_RAISED,
        stream="integrity:screening",
        subject_type="integrity_flag",
        subject_id=created[0].pk if created and created[0].pk else "refresh",
        details={"created_by_rule": by_rule, "refreshed": refreshed},
    )


WITHDRAWN_BY_REBUILD = (
    "The full screen no longer raises it: with every supporter resolved by the linkage model "
    "(spellings of one person are one household) the value or supporter is below the rule's "
    "threshold."
)


@transaction.atomic
def withdraw_stale_flags(
    *, keep: set[tuple[str, str]], rule_codes: set[str], reason: str = WITHDRAWN_BY_REBUILD
) -> int:
    """Delete open (never decided) flags of these rules that a full rebuild no longer raises;
    one audit event names each (id, rule, subject) and the reason."""
    stale = [
        flag
        for flag in IntegrityFlag.objects.filter(status=FlagStatus.OPEN, rule_code__in=rule_codes)
        .only("pk", "rule_code", "subject_key")
        .iterator()
        if (flag.rule_code, flag.subject_key) not in keep
    ]
    ids = [flag.pk for flag in stale]
    for start in range(0, len(ids), 500):
        IntegrityFlag.objects.filter(pk__in=ids[start : start + 500]).delete()
    if stale:
        by_rule: dict[str, int] = {}
        for flag in stale:
            by_rule[flag.rule_code] = by_rule.get(flag.rule_code, 0) + 1
        record_audit_events(
            [
                AuditEventDraft(
                    actor=None,
                    action=AuditAction.INTEGRITY_FLAGS_WITHDRAWN,
                    stream="integrity:screening",
                    subject_type="integrity_flag",
                    subject_id="rebuild",
                    details={
                        "withdrawn": len(stale),
                        "reason": reason,
                        "by_rule": by_rule,
                        "flags": [
                            {"id": f.pk, "rule": f.rule_code, "subject": f.subject_key}
                            for f in stale[:200]
                        ],
                    },
                )
            ]
        )
    return len(stale)


@transaction.atomic
def decide_flag(*, actor: User, flag_id: int, confirm: bool, reason: str) -> IntegrityFlag:
    """Confirm or dismiss an open flag with a reason. A confirmed flag still denies nothing: it
    informs the officer and the supervisor who signs off."""
    require_analyst(actor)
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationFailed(f"Give a reason of at least {MIN_REASON_LENGTH} characters.")
    flag = IntegrityFlag.objects.select_for_update().filter(pk=flag_id).first()
    if flag is None:
        raise NotFound("No such integrity flag.")
    if flag.status != FlagStatus.OPEN:
        raise ValidationFailed(f"This flag was already {flag.get_status_display().lower()}.")
    flag.status = FlagStatus.CONFIRMED if confirm else FlagStatus.DISMISSED
    flag.decided_by, flag.decided_at, flag.reason = actor, clock.now(), reason
    flag.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    record_audit_events(
        [
            audit_draft(
                flag,
                actor=actor,
                action=AuditAction.for_flag_decision(flag.status),
                details={"rule": flag.rule_code, "subject": flag.subject_key, "reason": reason},
            )
        ]
    )
    return flag
