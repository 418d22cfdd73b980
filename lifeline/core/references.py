"""Human-readable references for requests and declarations (no guessable sequence)."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U

_replayed_source: ContextVar[random.Random | None] = ContextVar("replayed_source", default=None)


def new_reference(prefix: str) -> str:
    source = _replayed_source.get() or secrets.SystemRandom()
    return f"{prefix}-" + "".join(source.choice(_ALPHABET) for _ in range(10))


@contextmanager
def references_drawn_from(source: random.Random) -> Iterator[None]:
    """Draw references from a seeded `source` instead of the system's randomness, so that a
    generated history replays the same way from the same seed (a reference decides, for one,
    which decisions are sampled for a blind second review)."""
    token = _replayed_source.set(source)
    try:
        yield
    finally:
        _replayed_source.reset(token)
