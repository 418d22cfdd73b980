"""API output schemas for accounts."""

from __future__ import annotations

from ninja import Schema


class MeOut(Schema):
    username: str
    role: str
    preferred_language: str
