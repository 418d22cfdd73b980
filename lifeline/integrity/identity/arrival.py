"""Which resolved identity an arriving supporter is, from the full screen's identity snapshot."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.services import AuditEventDraft, record_audit_events
from lifeline.core.crypto import keyed_hash
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.incremental import IdentityIndex
from lifeline.integrity.models import IdentityMembership, IdentitySnapshot, ResolvedIdentity
from lifeline.people.models import Person

# The fields the full screen resolves supporters on (`rings.resolve_supporters`), and no more.
RECORD_FIELDS = ("given_name", "family_name", "birth_date", "ssn", "phone", "email", "address")


@dataclass(frozen=True)
class _Loaded:
    path: Path
    mtime_ns: int
    digest: str
    index: IdentityIndex


_lock = threading.Lock()
_loaded: _Loaded | None = None


def snapshot_path() -> Path:
    """Where the full screen writes the snapshot (`LIFELINE_IDENTITY_INDEX_PATH`, else under
    the var directory)."""
    configured = getattr(settings, "LIFELINE_IDENTITY_INDEX_PATH", None)
    return Path(configured or Path(settings.VAR_DIR) / "integrity" / "identity-index.llix")


def snapshot_key() -> bytes:
    """The AES-256 key of the snapshot, derived from the newest field key (a rotated key makes
    the old snapshot unreadable until the next full screen, which is safe: arrivals fall back)."""
    return bytes.fromhex(keyed_hash("integrity:identity-index-snapshot"))


def person_record(person: Person) -> dict[str, str | None]:
    """A supporter's fields as the linkage model reads them."""
    values = (
        person.given_name,
        person.family_name,
        person.birth_date.isoformat(),
        person.ssn,
        person.phone,
        person.email,
        person.current_location,
    )
    return {field: value or None for field, value in zip(RECORD_FIELDS, values, strict=True)}


@transaction.atomic
def write_snapshot(people: Sequence[Person]) -> IdentitySnapshot | None:
    """Encrypt the identity index of these people (one row per distinct record and resolved
    identity, the identity's pk as the cluster) to the snapshot file and record its digest.
    Run by the full screen only: one writer."""
    identity_of = dict(IdentityMembership.objects.values_list("person_id", "identity_id"))
    rows: dict[tuple[int | str | None, ...], int] = {}
    for person in people:
        identity = identity_of.get(person.pk)
        if identity is not None:
            rows.setdefault((identity, *person_record(person).values()), identity)
    IdentitySnapshot.objects.all().delete()
    path = snapshot_path()
    if not rows:
        path.unlink(missing_ok=True)
        return None
    records = list(rows)
    columns = {field: [r[i + 1] for r in records] for i, field in enumerate(RECORD_FIELDS)}
    clusters = np.fromiter(rows.values(), dtype=np.int64, count=len(rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    IdentityIndex(person_features(columns), clusters).save(path, key=snapshot_key())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    snapshot = IdentitySnapshot.objects.create(path=str(path), digest=digest, people=len(rows))
    record_audit_events(
        [
            AuditEventDraft(
                actor=None,
                action=AuditAction.INTEGRITY_IDENTITY_SNAPSHOT_WRITTEN,
                stream="integrity:screening",
                subject_type="identity_snapshot",
                subject_id=snapshot.pk,
                details={"people": len(rows), "digest": digest},
            )
        ]
    )
    return snapshot


def _open(path: Path) -> IdentityIndex | None:
    try:
        return IdentityIndex.load(path, key=snapshot_key())
    except (InvalidTag, ValueError):  # sealed under a field key rotated away since
        return None


def current_index() -> IdentityIndex | None:
    """The snapshot the last full screen recorded, loaded once per process and again only when
    the file changes (by modification time); None when there is none, or the file on disk is not
    the one recorded (another database's, or half-replaced)."""
    global _loaded
    recorded = IdentitySnapshot.objects.order_by("-pk").values_list("path", "digest").first()
    if recorded is None:
        return None
    path, digest = Path(recorded[0]), recorded[1]
    try:
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    with _lock:
        if _loaded is None or (_loaded.path, _loaded.mtime_ns) != (path, mtime_ns):
            raw = path.read_bytes()
            found = hashlib.sha256(raw).hexdigest()
            index = _open(path) if found == digest else None
            _loaded = None if index is None else _Loaded(path, mtime_ns, found, index)
        loaded = _loaded
    return loaded.index if loaded is not None and loaded.digest == digest else None


def snapshot_identity(person: Person) -> ResolvedIdentity | None:
    """The resolved identity of the best match above the model's threshold among the people the
    last full screen knew (a transliteration or a day/month swap of a known supporter); None
    when nobody matches or there is no snapshot."""
    index = current_index()
    if index is None:
        return None
    for match in index.check(person_record(person)):
        identity = ResolvedIdentity.objects.filter(pk=match.cluster_id).first()
        if identity is not None:  # an identity an analyst merged away since is skipped
            return identity
    return None
