"""API output schemas for programs and their versions."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ProgramVersionOut(Schema):
    version: str
    title: str
    summary: str
    effective_from: dt.date
    effective_until: dt.date | None
    request_kinds: list[str]
    categories: list[str]


class ProgramOut(Schema):
    program: str
    versions: list[ProgramVersionOut]
