"""The demo office replays the same history from the same seed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from lifeline.adjudication.models import Decision
from lifeline.generation.office import OfficeOptions, run_office

OPTIONS = OfficeOptions(requests=40, seed=11, today=dt.date(2026, 11, 20), months=1)


def _history() -> list[tuple[object, ...]]:
    run_office(OPTIONS)
    rows = Decision.objects.order_by("request__reference", "decided_at").values_list(
        "request__reference", "officer__username", "outcome", "status", "decided_at"
    )
    history = list(rows)
    call_command("flush", interactive=False, verbosity=0)
    return history


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_replays_the_same_decisions() -> None:
    first = _history()
    assert first  # the month has decisions to compare
    assert _history() == first
