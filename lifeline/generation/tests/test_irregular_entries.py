"""Generated irregular entries: only a crossing into the United States can end in voluntary
departure (ADR 0256)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from lifeline.generation.details import abroad_history
from lifeline.programs.documents import IrregularEntry


def _entries() -> Iterator[IrregularEntry]:
    for seed in range(4000):
        history = abroad_history(random.Random(seed), filed_on=dt.date(2024, 3, 1))
        yield from history.irregular_entries or []


def test_only_an_entry_into_the_united_states_is_marked_as_ended_by_voluntary_departure() -> None:
    entries = list(_entries())
    flags = {
        country: {e.resolved_by_voluntary_departure for e in entries if e.country == country}
        for country in ("US", "MX", "PA")
    }
    # Voluntary departure and withdrawal of an application for admission follow only an
    # arrival in the United States: an entry into Mexico or Panama is never marked.
    assert flags == {"US": {True, False}, "MX": {None}, "PA": {None}}
