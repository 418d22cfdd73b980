"""Generated requests state the facts the rules turn on, so most pre-screens are decided."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from lifeline.generation.dataset import Dataset, GenerationOptions, generate_dataset
from lifeline.programs.evaluation import get_filing_fee_due_cents, prescreen
from lifeline.programs.registry import get_registry

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    options = GenerationOptions(requests=300, seed=7, last_filing_on=dt.date(2026, 11, 30))
    return generate_dataset(options, get_registry())


def test_a_generated_data_set_is_mostly_decided_with_a_realistic_share_asking_for_facts(
    dataset: Dataset,
) -> None:
    registry = get_registry()
    evaluated_at = dt.datetime.combine(AS_OF, dt.time(), dt.UTC)
    outcomes = Counter(
        prescreen(item.document, as_of=AS_OF, evaluated_at=evaluated_at, registry=registry).outcome
        for item in dataset.requests
    )
    total = sum(outcomes.values())
    assert outcomes["meets_criteria"] > total / 2, outcomes
    assert total / 10 < outcomes["needs_information"] < total * 0.4, outcomes
    assert outcomes["not_eligible"] > 0, outcomes


def test_generated_facts_are_stated_true_or_false_with_some_left_unknown(dataset: Dataset) -> None:
    stated = Counter(
        item.document.immigration_history.in_united_states for item in dataset.requests
    )
    assert stated[False] > stated[None] > 0 and stated[True] > 0, stated
    family = [item.document for item in dataset.requests if item.document.principal is not None]
    together = Counter(document.travelling_with_principal for document in family)
    assert together[True] > together[None] + together[False] > 0, together


def test_generated_requests_send_the_filing_fee_due_with_some_not_stated(dataset: Dataset) -> None:
    sent = [item.document.filing_fee_remitted_cents for item in dataset.requests]
    assert sum(cents is not None for cents in sent) > sum(cents is None for cents in sent) > 0
    wrong = [
        item.record_id
        for item in dataset.requests
        if item.document.filing_fee_remitted_cents
        not in (None, get_filing_fee_due_cents(item.document))
    ]
    assert not wrong
