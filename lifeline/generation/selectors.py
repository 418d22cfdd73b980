"""Reads for generation: whether the database already holds requests."""

from __future__ import annotations

from lifeline.intake.models import ParoleRequest


def has_requests() -> bool:
    return ParoleRequest.objects.exists()
