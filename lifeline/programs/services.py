"""Writes for program versions: sync shipped files into the record, publish a new version."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.programs.access import can_publish_program_version
from lifeline.programs.enums import PublishedVersionStatus
from lifeline.programs.errors import PolicyFileInvalid, PolicyVersionConflict, PublishNotAllowed
from lifeline.programs.loader import read_program_version
from lifeline.programs.models import PublishedProgramVersion
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import (
    Registry,
    get_registry,
    load_registry,
    policy_dir,
    reset_registry,
)
from lifeline.programs.timeline_files import get_timeline, termination_reference_problems

SUBMITTED_SOURCE = "the submitted policy"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fields(version: ProgramVersionPolicy, registry: Registry) -> dict[str, object]:
    return {
        "program": version.program,
        "title": version.title[:200],
        "effective_from": version.effective_from,
        "effective_until": registry.ends_on(version),
        "file_sha256": _sha256(version.source_text),
        "source_yaml": version.source_text,
    }


@transaction.atomic
def load_shipped_policies(*, actor: User | None = None) -> LoadReport:
    """Record every version in the policy folder; safe to run again (unchanged rows stay)."""
    registry = load_registry(policy_dir())
    reset_registry()
    report = LoadReport()
    rows = {row.version: row for row in PublishedProgramVersion.objects.select_for_update()}
    on_file = set()
    for program in registry.programs():
        for version in registry.versions(program):
            on_file.add(version.version)
            values = _fields(version, registry)
            row = rows.get(version.version)
            if row is None:
                row = PublishedProgramVersion.objects.create(
                    version=version.version,
                    status=PublishedVersionStatus.PUBLISHED,
                    published_at=clock.now(),
                    **values,
                )
                report.created.append(version.version)
                audit_subject(row, actor=actor, action=AuditAction.PROGRAM_VERSION_LOADED)
                continue
            changed = {name for name, value in values.items() if getattr(row, name) != value}
            if not changed and row.status == PublishedVersionStatus.PUBLISHED:
                report.unchanged.append(version.version)
                continue
            for name in changed:
                setattr(row, name, values[name])
            if row.status != PublishedVersionStatus.PUBLISHED:
                row.status = PublishedVersionStatus.PUBLISHED
                row.published_at = clock.now()
            row.save()
            report.updated.append(version.version)
            audit_subject(row, actor=actor, action=AuditAction.PROGRAM_VERSION_UPDATED)
    for version_id, row in rows.items():
        if version_id not in on_file and row.status == PublishedVersionStatus.PUBLISHED:
            row.status = PublishedVersionStatus.RETIRED
            row.save(update_fields=["status"])
            report.retired.append(version_id)
            audit_subject(row, actor=actor, action=AuditAction.PROGRAM_VERSION_RETIRED)
    return report


def _validated_draft(source_yaml: str, registry: Registry) -> tuple[ProgramVersionPolicy, Registry]:
    draft = read_program_version(
        source_yaml, source_name=SUBMITTED_SOURCE, fee_kinds=registry.fees.kinds()
    )
    if draft.termination is not None:
        problems = termination_reference_problems([draft], get_timeline())
        if problems:
            raise PolicyFileInvalid(problems[0])
    return draft, registry.with_version(draft)


@transaction.atomic
def record_draft_program_version(*, actor: User, source_yaml: str) -> PublishedProgramVersion:
    """Keep a validated draft (for its what-if review) without putting it in force."""
    if not can_publish_program_version(actor):
        raise PublishNotAllowed("Only a program administrator can prepare program versions.")
    draft, with_draft = _validated_draft(source_yaml, get_registry())
    existing = PublishedProgramVersion.objects.select_for_update().filter(version=draft.version)
    if existing.exclude(status=PublishedVersionStatus.DRAFT).exists():
        raise PolicyVersionConflict(f"Version {draft.version} is already published.")
    row, _ = PublishedProgramVersion.objects.update_or_create(
        version=draft.version,
        defaults={**_fields(draft, with_draft), "status": PublishedVersionStatus.DRAFT},
    )
    audit_subject(row, actor=actor, action=AuditAction.PROGRAM_VERSION_DRAFTED)
    return row


@transaction.atomic
def publish_program_version(*, actor: User, source_yaml: str) -> PublishedProgramVersion:
    """Validate a new version, write its file (the source of truth) and record who published it."""
    if not can_publish_program_version(actor):
        raise PublishNotAllowed("Only a program administrator can publish program versions.")
    registry = get_registry()
    draft, with_draft = _validated_draft(source_yaml, registry)
    _refuse_if_in_force(draft, registry, today=clock.today())
    row = PublishedProgramVersion.objects.select_for_update().filter(version=draft.version).first()
    values = {
        **_fields(draft, with_draft),
        "status": PublishedVersionStatus.PUBLISHED,
        "published_by": actor,
        "published_at": clock.now(),
    }
    if row is None:
        row = PublishedProgramVersion.objects.create(version=draft.version, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    audit_subject(row, actor=actor, action=AuditAction.PROGRAM_VERSION_PUBLISHED)
    path = policy_dir() / draft.program / f"{draft.version}.yaml"

    def put_in_force() -> None:
        # After commit, so a rolled-back publish never leaves a file in force. Should the write
        # fail, the next load_shipped_policies() marks the row retired (files are the truth).
        _write_atomically(path, source_yaml)
        reset_registry()

    transaction.on_commit(put_in_force)
    return row


def _refuse_if_in_force(draft: ProgramVersionPolicy, registry: Registry, *, today: dt.date) -> None:
    if draft.effective_from <= today:
        raise PolicyVersionConflict(
            f"{draft.version} starts on {draft.effective_from}; a new version must start after "
            f"today ({today}) so that requests already filed keep the rules they were filed under."
        )
    existing = registry.version(draft.version)
    if existing is not None and existing.source_text == draft.source_text:
        raise PolicyVersionConflict(f"Version {draft.version} is already published unchanged.")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    Path(temporary).replace(path)
