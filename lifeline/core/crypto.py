"""Field encryption at rest (AES-GCM, rotating keys) and keyed hashes for exact lookups."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.expressions import Combinable

    _TextField = models.TextField[str | Combinable, str]
else:
    _TextField = models.TextField  # Django's fields take no type arguments at run time

_PREFIX = "v1:"


@cache
def _keys() -> tuple[bytes, ...]:
    keys = tuple(base64.b64decode(k.strip()) for k in settings.FIELD_ENCRYPTION_KEYS)
    for key in keys:
        if len(key) != 32:
            raise ValueError("Each LIFELINE_FIELD_KEYS entry must be 32 bytes, base64-encoded.")
    return keys


def encrypt(plaintext: str) -> str:
    key_id = 0
    nonce = os.urandom(12)
    sealed = AESGCM(_keys()[key_id]).encrypt(nonce, plaintext.encode(), None)
    return f"{_PREFIX}{key_id}:" + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if not token.startswith(_PREFIX):
        raise ValueError("Not an encrypted value.")
    _, key_id, payload = token.split(":", 2)
    raw = base64.b64decode(payload)
    for key in _keys()[int(key_id) :] + _keys()[: int(key_id)]:
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], None).decode()
        except Exception:  # noqa: S112 - try the next key during rotation
            continue
    raise ValueError("No configured key opens this value.")


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value under the newest key: equal inputs, equal hashes."""
    normalised = "".join(value.split()).upper()
    return hmac.new(_keys()[0], normalised.encode(), hashlib.sha256).hexdigest()


def keyed_digest(data: bytes) -> str:
    """HMAC-SHA256 of exact bytes under the newest key: a digest of a body that holds an
    identifier cannot be matched by hashing guesses without the key."""
    return hmac.new(_keys()[0], data, hashlib.sha256).hexdigest()


class EncryptedTextField(_TextField):
    """A text column stored as AES-GCM ciphertext; reads give back the plain text."""

    def from_db_value(
        self, value: str | None, expression: object, connection: BaseDatabaseWrapper
    ) -> str | None:
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value: object) -> str | None:
        prepared: str | None = super().get_prep_value(value)
        if not prepared:
            return prepared
        return encrypt(prepared)
