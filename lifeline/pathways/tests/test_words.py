"""Every fact an answer can say it still needs, and every basis an answer can rest on, has plain
words for the parolee page."""

from __future__ import annotations

from lifeline.pathways.answers import BASIS_PLAIN_LABELS
from lifeline.pathways.context import DERIVED_FROM
from lifeline.pathways.documents import FACT_NAMES
from lifeline.pathways.words import (
    BASIS_LABELS,
    MISSING_FACTS,
    OTHER_MISSING_FACT,
    missing_fact_labels,
)


def test_every_answered_and_derived_fact_has_plain_words():
    keys = {f"facts.{name}" for name in FACT_NAMES} | set(DERIVED_FROM.values())

    assert keys - set(MISSING_FACTS) == set()


def test_missing_facts_are_named_once_in_order_and_an_unknown_key_in_general_words():
    labels = missing_fact_labels(["arrivals", "some_gate_id", "arrivals", "another_gate_id"])

    assert labels == [str(MISSING_FACTS["arrivals"]), str(OTHER_MISSING_FACT)]


def test_every_basis_an_answer_can_name_has_a_translated_label_with_the_same_english():
    assert set(BASIS_LABELS) == set(BASIS_PLAIN_LABELS)
    assert all(str(BASIS_LABELS[key]) == english for key, english in BASIS_PLAIN_LABELS.items())
