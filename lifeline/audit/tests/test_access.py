"""The audit trail gatekeeper: active auditors only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from lifeline.audit.access import AUDITOR_ROLE, can_browse_audit_trail

pytestmark = pytest.mark.django_db


def test_the_auditor_role_value_is_one_the_user_model_offers() -> None:
    role_field = get_user_model()._meta.get_field("role")
    assert AUDITOR_ROLE in {value for value, _label in role_field.choices}


@pytest.mark.parametrize(
    ("role", "is_active", "allowed"),
    [
        ("auditor", True, True),
        ("auditor", False, False),
        ("officer", True, False),
        ("supervisor", True, False),
        ("program_administrator", True, False),
        ("beneficiary", True, False),
    ],
)
def test_can_browse_audit_trail_by_role_and_activity(
    make_user: Callable[..., Any], role: str, is_active: bool, allowed: bool
) -> None:
    assert can_browse_audit_trail(make_user(role, is_active=is_active)) is allowed


def test_anonymous_visitors_cannot_browse_the_audit_trail() -> None:
    assert can_browse_audit_trail(AnonymousUser()) is False
