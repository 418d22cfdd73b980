"""What supporters publishes: a declaration filed (screened once it commits) and withdrawn (its
values leave the screening index)."""

from __future__ import annotations

from typing import Any

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.core.jobs import Job
from lifeline.core.tests.recording import record_events
from lifeline.intake.tests.factories import make_user
from lifeline.integrity.models import ScreeningKey
from lifeline.supporters.events import DeclarationSubmitted, DeclarationWithdrawn
from lifeline.supporters.services import withdraw_declaration
from lifeline.supporters.tests.test_services import _declare

pytestmark = pytest.mark.django_db


def test_a_declaration_is_published_once_and_its_screen_is_enqueued_when_it_commits(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    enqueued: list[tuple[Any, ...]] = []
    task = Job.SCREEN_DECLARATION.task()
    monkeypatch.setattr(type(task), "enqueue", lambda self, *args: enqueued.append(args))
    published = record_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        declaration = _declare(make_user(UserRole.SUPPORTER))
        assert enqueued == []
    assert published == [
        DeclarationSubmitted(
            declaration_id=declaration.pk, reference=declaration.reference, program="general"
        )
    ]
    assert enqueued == [(declaration.pk,)]


def test_a_withdrawal_is_published_once_and_takes_the_declaration_out_of_the_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    supporter = make_user(UserRole.SUPPORTER)
    declaration = _declare(supporter)
    ScreeningKey.objects.create(
        form_key=f"declaration:{declaration.pk}",
        declaration=declaration,
        kind="phone",
        value_hash="0" * 64,
        label="***-0100",
        household="h1",
    )
    published = record_events(monkeypatch)
    withdraw_declaration(actor=supporter, reference=declaration.reference)
    assert published == [
        DeclarationWithdrawn(declaration_id=declaration.pk, reference=declaration.reference)
    ]
    assert not ScreeningKey.objects.filter(declaration=declaration).exists()
