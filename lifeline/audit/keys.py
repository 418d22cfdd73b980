"""The audit keys, read from settings (never the database): chain keys and checkpoint keys by id."""

from __future__ import annotations

import base64
import binascii
import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
_MIN_KEY_BYTES = 32


@dataclass(frozen=True)
class KeyRing:
    """Keys by id; the first configured is the current one, used for everything new."""

    setting: str
    current_id: str
    keys: dict[str, bytes]

    def key(self, key_id: str) -> bytes | None:
        return self.keys.get(key_id)


@functools.lru_cache(maxsize=8)
def _parse(setting: str, entries: tuple[str, ...]) -> KeyRing:
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, _, encoded = entry.strip().partition(":")
        if not _KEY_ID.fullmatch(key_id) or not encoded:
            raise ImproperlyConfigured(
                f"{setting}: each entry is KEY_ID:BASE64 with an id of letters, digits, _ or - "
                f"(for example a2:{'A' * 43}=)."
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise ImproperlyConfigured(f"{setting}: key {key_id} is not base64.") from error
        if len(key) < _MIN_KEY_BYTES:
            raise ImproperlyConfigured(f"{setting}: key {key_id} must be at least 32 bytes.")
        if key_id in keys:
            raise ImproperlyConfigured(f"{setting}: key id {key_id} is configured twice.")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured(f"{setting}: configure at least one key (KEY_ID:BASE64).")
    return KeyRing(setting=setting, current_id=next(iter(keys)), keys=keys)


def chain_keys() -> KeyRing:
    """Keys that seal audit events (LIFELINE_AUDIT_KEYS)."""
    return _parse("LIFELINE_AUDIT_KEYS", tuple(settings.LIFELINE_AUDIT_KEYS))


def checkpoint_keys() -> KeyRing:
    """Keys that sign checkpoint lines (LIFELINE_AUDIT_CHECKPOINT_KEYS), apart from chain keys."""
    ring = _parse("LIFELINE_AUDIT_CHECKPOINT_KEYS", tuple(settings.LIFELINE_AUDIT_CHECKPOINT_KEYS))
    chain = chain_keys()
    shared = set(ring.keys) & set(chain.keys)
    if shared or set(ring.keys.values()) & set(chain.keys.values()):
        raise ImproperlyConfigured(
            "LIFELINE_AUDIT_CHECKPOINT_KEYS must use ids and keys of their own, apart from "
            f"LIFELINE_AUDIT_KEYS (shared ids: {sorted(shared) or 'none'})."
        )
    return ring
